using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class EventSchedulerTests
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
    public void Step_EventsScheduledOutOfOrder_RunInTimeOrder()
    {
        Add(30, "c");
        Add(10, "a");
        Add(20, "b");

        RunAll();

        Assert.Equal(["a", "b", "c"], ran);
    }

    [Fact]
    public void Step_EventsAtSameTime_RunInSchedulingOrder()
    {
        for (int i = 0; i < 50; i++)
        {
            Add(5, $"e{i}");
        }

        RunAll();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"e{i}"), ran);
    }

    [Fact]
    public void Step_NextEvent_MovesClockToItsTimeAndCountsIt()
    {
        var times = new List<TimeSpan>();
        scheduler.Schedule(Ms(7), () => times.Add(scheduler.Clock.Now));
        scheduler.Schedule(Ms(3), () => times.Add(scheduler.Clock.Now));

        Assert.True(scheduler.Step());
        Assert.Equal(Ms(3), scheduler.Clock.Now);
        Assert.Equal(1, scheduler.ExecutedCount);
        Assert.True(scheduler.Step());

        Assert.Equal([Ms(3), Ms(7)], times);
        Assert.Equal(2, scheduler.ExecutedCount);
    }

    [Fact]
    public void Step_NothingScheduled_ReturnsFalseAndLeavesClock()
    {
        Assert.False(scheduler.Step());
        Assert.Equal(TimeSpan.Zero, scheduler.Clock.Now);
        Assert.Equal(0, scheduler.ExecutedCount);
    }

    [Fact]
    public void Step_EachEvent_RaisesEventExecutedAfterTheAction()
    {
        var seen = new List<string>();
        scheduler.EventExecuted += () => seen.Add($"after {ran.Count}");
        Add(1, "a");
        Add(2, "b");

        RunAll();

        Assert.Equal(["after 1", "after 2"], seen);
    }

    [Fact]
    public void Schedule_FromInsideAnEvent_IsRelativeToThatEventsTime()
    {
        scheduler.Schedule(Ms(10), () => scheduler.Schedule(Ms(5), () => ran.Add($"inner at {scheduler.Clock.Now.TotalMilliseconds}")));

        RunAll();

        Assert.Equal(["inner at 15"], ran);
    }

    [Fact]
    public void Schedule_NegativeDelay_RunsAtCurrentTimeAfterEarlierScheduledEvents()
    {
        scheduler.RunUntil(Ms(100));
        Add(0, "zero");
        Add(-50, "negative");

        RunAll();

        Assert.Equal(["zero", "negative"], ran);
        Assert.Equal(Ms(100), scheduler.Clock.Now);
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
    public void RunUntil_EventAtExactlyTheTime_RunsItAndMovesClockThere()
    {
        Add(10, "before");
        Add(20, "exactly");
        Add(20.0001, "after");

        scheduler.RunUntil(Ms(20));

        Assert.Equal(["before", "exactly"], ran);
        Assert.Equal(Ms(20), scheduler.Clock.Now);
        Assert.Equal(1, scheduler.PendingCount);
    }

    [Fact]
    public void RunUntil_NoEvents_MovesClockToTheTime()
    {
        scheduler.RunUntil(Ms(500));

        Assert.Equal(Ms(500), scheduler.Clock.Now);
    }

    [Fact]
    public void RunUntil_EarlierThanNow_LeavesClockWhereItIs()
    {
        scheduler.RunUntil(Ms(500));
        Add(10, "later");

        scheduler.RunUntil(Ms(100));

        Assert.Equal(Ms(500), scheduler.Clock.Now);
        Assert.Empty(ran);
    }

    [Fact]
    public void RunUntil_EventsScheduledDuringTheRun_RunWhenDueInsideTheWindow()
    {
        void Tick() { ran.Add($"{scheduler.Clock.Now.TotalMilliseconds}"); scheduler.Schedule(Ms(10), Tick); }
        scheduler.Schedule(Ms(10), Tick);

        scheduler.RunUntil(Ms(50));

        Assert.Equal(["10", "20", "30", "40", "50"], ran);
        Assert.Equal(Ms(60), scheduler.NextEventTime);
    }

    [Fact]
    public void RunToPoint_EnoughEvents_StopsAfterExactlyThatManyAndMovesClock()
    {
        for (int i = 1; i <= 10; i++)
        {
            Add(i, $"e{i}");
        }

        scheduler.RunToPoint(4, Ms(4.5));

        Assert.Equal(4, scheduler.ExecutedCount);
        Assert.Equal(["e1", "e2", "e3", "e4"], ran);
        Assert.Equal(Ms(4.5), scheduler.Clock.Now);
    }

    [Fact]
    public void RunToPoint_SameTimeEventsLeft_StopsMidwayThroughThem()
    {
        Add(5, "a");
        Add(5, "b");
        Add(5, "c");

        scheduler.RunToPoint(2, Ms(5));

        Assert.Equal(["a", "b"], ran);
        Assert.Equal(1, scheduler.PendingCount);
    }

    [Fact]
    public void RunToPoint_RunEndsBeforeThePoint_Throws()
    {
        Add(1, "a");
        Add(2, "b");

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.RunToPoint(5, Ms(10)));

        Assert.Contains("after 2 events", error.Message);
    }

    [Fact]
    public void RunToPoint_EventDueBeforeTheTime_Throws()
    {
        Add(1, "a");
        Add(2, "b");

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.RunToPoint(1, Ms(10)));

        Assert.Contains("due before", error.Message);
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
