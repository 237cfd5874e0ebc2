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
}
