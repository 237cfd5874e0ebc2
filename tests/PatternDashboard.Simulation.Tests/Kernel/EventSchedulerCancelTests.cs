using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Kernel;

/// <summary>Cancelling events and reusing their entries.</summary>
public class EventSchedulerCancelTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private readonly EventScheduler scheduler = new();
    private readonly List<string> ran = [];

    private EventHandle Add(double ms, string name) => scheduler.Schedule(Ms(ms), () => ran.Add(name));

    private void RunAll()
    {
        while (scheduler.Step())
        {
        }
    }

    [Fact]
    public void Cancel_PendingEvent_PreventsItAndLowersPendingCount()
    {
        Add(1, "a");
        var b = Add(2, "b");
        Add(3, "c");
        Assert.True(b.IsPending);

        scheduler.Cancel(b);

        Assert.False(b.IsPending);
        Assert.Equal(2, scheduler.PendingCount);
        RunAll();
        Assert.Equal(["a", "c"], ran);
        Assert.Equal(0, scheduler.PendingCount);
        Assert.Equal(2, scheduler.ExecutedCount);
    }

    [Fact]
    public void Cancel_AlreadyCancelledHandle_IsHarmless()
    {
        var a = Add(1, "a");
        Add(2, "b");

        scheduler.Cancel(a);
        scheduler.Cancel(a);
        scheduler.Cancel(a);

        Assert.Equal(1, scheduler.PendingCount);
        RunAll();
        Assert.Equal(["b"], ran);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void Cancel_HandleOfEventThatAlreadyRan_IsHarmless()
    {
        var a = Add(1, "a");
        scheduler.Step();
        Add(2, "b");

        scheduler.Cancel(a);
        scheduler.Cancel(a);

        Assert.False(a.IsPending);
        Assert.Equal(1, scheduler.PendingCount);
        RunAll();
        Assert.Equal(["a", "b"], ran);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void Cancel_DefaultHandle_IsHarmless()
    {
        Add(1, "a");

        scheduler.Cancel(default);

        Assert.False(default(EventHandle).IsPending);
        Assert.Equal(1, scheduler.PendingCount);
    }

    [Fact]
    public void Cancel_StaleHandleWhoseEntryWasReused_DoesNotCancelTheNewEvent()
    {
        var old = Add(1, "old");
        scheduler.Step();
        var reused = Add(2, "new");

        scheduler.Cancel(old);

        Assert.True(reused.IsPending);
        RunAll();
        Assert.Equal(["old", "new"], ran);
    }

    [Fact]
    public void Cancel_ManyRepeatedCancels_KeepPendingCountExact()
    {
        var handles = Enumerable.Range(0, 100).Select(i => Add(i + 1, $"e{i}")).ToList();
        for (int round = 0; round < 3; round++)
        {
            foreach (var handle in handles.Where((_, i) => i % 2 == 0))
            {
                scheduler.Cancel(handle);
            }
        }

        Assert.Equal(50, scheduler.PendingCount);
        scheduler.RunUntil(Ms(50));
        Assert.Equal(25, scheduler.PendingCount);
        RunAll();
        Assert.Equal(0, scheduler.PendingCount);
        Assert.Equal(50, ran.Count);
        Assert.All(ran, name => Assert.True(int.Parse(name[1..]) % 2 == 1));
    }

    [Fact]
    public void Cancel_MostEvents_KeepsTheRestInTimeAndSchedulingOrder()
    {
        var handles = Enumerable.Range(0, 300).Select(i => Add(i % 10, $"e{i}")).ToList();

        for (int i = 0; i < 300; i++)
        {
            if (i % 4 != 0)
            {
                scheduler.Cancel(handles[i]);
            }
        }

        Assert.Equal(75, scheduler.PendingCount);
        Assert.Equal(75, handles.Count(h => h.IsPending));
        RunAll();
        var expected = Enumerable.Range(0, 300).Where(i => i % 4 == 0).OrderBy(i => i % 10).ThenBy(i => i).Select(i => $"e{i}");
        Assert.Equal(expected, ran);
    }

    [Fact]
    public void NextEventTime_CancelledHead_IsSkipped()
    {
        var first = Add(1, "a");
        Add(2, "b");

        scheduler.Cancel(first);

        Assert.Equal(Ms(2), scheduler.NextEventTime);
        scheduler.Step();
        Assert.Null(scheduler.NextEventTime);
    }

    [Fact]
    public void Schedule_ManyEventsOverTime_ReusesEntriesInsteadOfAllocating()
    {
        // Sanity check, not a benchmark: with reused entries a schedule-and-run costs no allocation at all;
        // a fresh entry per event would cost tens of bytes each.
        Action noop = () => { };
        for (int i = 0; i < 1_000; i++)
        {
            scheduler.Schedule(Ms(1), noop);
            scheduler.Step();
        }
        const int events = 100_000;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < events; i++)
        {
            scheduler.Schedule(Ms(1), noop);
            scheduler.Step();
        }
        long perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / events;

        Assert.True(perEvent < 8, $"{perEvent} bytes allocated per event");
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void Cancel_FarFutureTimerReArmedManyTimes_ReusesEntriesInsteadOfGrowing()
    {
        // A long timeout pushed back on every heartbeat: the cancelled entries must not pile up until
        // their far-off due time, or a session that runs for days grows without bound.
        Action noop = () => { };
        EventHandle timeout = default;
        void ReArm()
        {
            scheduler.Cancel(timeout);
            timeout = scheduler.Schedule(TimeSpan.FromDays(1), noop);
        }
        for (int i = 0; i < 10_000; i++)
        {
            ReArm();
        }
        const int reArms = 100_000;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < reArms; i++)
        {
            ReArm();
        }
        long perReArm = (GC.GetAllocatedBytesForCurrentThread() - before) / reArms;

        Assert.True(perReArm < 8, $"{perReArm} bytes allocated per re-arm");
        Assert.Equal(1, scheduler.PendingCount);
        Assert.Equal(TimeSpan.FromDays(1), scheduler.NextEventTime);
    }
}
