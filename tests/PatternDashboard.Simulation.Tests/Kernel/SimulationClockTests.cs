using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class SimulationClockTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private readonly EventScheduler scheduler = new();

    private SimulationClock Clock => scheduler.Clock;

    [Fact]
    public void Clock_Always_IsATimeProviderStartingAtZero()
    {
        Assert.IsAssignableFrom<TimeProvider>(Clock);
        Assert.Equal(TimeSpan.Zero, Clock.Now);
    }

    [Fact]
    public void GetUtcNow_AfterRunning_IsEpochPlusNow()
    {
        scheduler.RunUntil(TimeSpan.FromSeconds(90.5));

        Assert.Equal(SimulationClock.Epoch + TimeSpan.FromSeconds(90.5), Clock.GetUtcNow());
        Assert.Equal(Clock.GetUtcNow(), Clock.GetLocalNow());
        Assert.Equal(TimeSpan.Zero, Clock.GetLocalNow().Offset);
    }

    [Fact]
    public void GetElapsedTime_BetweenTimestamps_IsTheSimulatedTimeThatPassed()
    {
        scheduler.RunUntil(Ms(250));
        long start = Clock.GetTimestamp();

        scheduler.RunUntil(Ms(1_750));

        Assert.Equal(Ms(1_500), Clock.GetElapsedTime(start));
        Assert.Equal(Ms(1_500), Clock.GetElapsedTime(start, Clock.GetTimestamp()));
        Assert.Equal(Ms(1_750).Ticks * Clock.TimestampFrequency / TimeSpan.TicksPerSecond, Clock.GetTimestamp());
    }

    [Fact]
    public void CreateTimer_OneShot_FiresOnceAtItsDueTime()
    {
        var fired = new List<(TimeSpan, object?)>();
        using var timer = Clock.CreateTimer(state => fired.Add((Clock.Now, state)), "state", Ms(100), Timeout.InfiniteTimeSpan);

        scheduler.RunUntil(Ms(99));
        Assert.Empty(fired);
        scheduler.RunUntil(Ms(1_000));

        Assert.Equal([(Ms(100), (object?)"state")], fired);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresAtDueTimeThenEveryPeriod()
    {
        var fired = new List<TimeSpan>();
        using var timer = Clock.CreateTimer(_ => fired.Add(Clock.Now), null, Ms(50), Ms(20));

        scheduler.RunUntil(Ms(115));

        Assert.Equal([Ms(50), Ms(70), Ms(90), Ms(110)], fired);
    }

    [Fact]
    public void Change_ToInfinite_StopsThePeriodicTimer()
    {
        var fired = new List<TimeSpan>();
        using var timer = Clock.CreateTimer(_ => fired.Add(Clock.Now), null, Ms(10), Ms(10));
        scheduler.RunUntil(Ms(25));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        scheduler.RunUntil(Ms(1_000));

        Assert.Equal([Ms(10), Ms(20)], fired);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void Change_NewDueTime_ReplacesTheOldOne()
    {
        var fired = new List<TimeSpan>();
        using var timer = Clock.CreateTimer(_ => fired.Add(Clock.Now), null, Ms(10), Timeout.InfiniteTimeSpan);

        timer.Change(Ms(300), Timeout.InfiniteTimeSpan);
        scheduler.RunUntil(Ms(1_000));

        Assert.Equal([Ms(300)], fired);
    }

    [Fact]
    public void Dispose_BeforeDueTime_TimerNeverFires()
    {
        int fired = 0;
        var timer = Clock.CreateTimer(_ => fired++, null, Ms(10), Ms(10));

        timer.Dispose();
        scheduler.RunUntil(Ms(1_000));

        Assert.Equal(0, fired);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void Dispose_FromInsideItsOwnCallback_StopsThePeriodicTimer()
    {
        int fired = 0;
        ITimer? timer = null;
        timer = Clock.CreateTimer(_ => { fired++; timer!.Dispose(); }, null, Ms(10), Ms(10));

        scheduler.RunUntil(Ms(1_000));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_AfterDispose_ReturnsFalseAndTheTimerStaysStopped()
    {
        int fired = 0;
        var timer = Clock.CreateTimer(_ => fired++, null, Ms(10), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        bool changed = timer.Change(Ms(20), Ms(20));
        scheduler.RunUntil(Ms(1_000));

        Assert.False(changed);
        Assert.Equal(0, fired);
    }

    [Fact]
    public void Delay_OnSimulationClock_CompletesOnlyWhenSimulatedTimeReachesIt()
    {
        var delay = Task.Delay(TimeSpan.FromSeconds(2), Clock);

        scheduler.RunUntil(Ms(1_999));
        Assert.False(delay.IsCompleted);

        scheduler.RunUntil(TimeSpan.FromSeconds(2));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitAsync_OnSimulationClock_TimesOutAtSimulatedTime()
    {
        var never = new TaskCompletionSource();
        var wait = never.Task.WaitAsync(Ms(500), Clock);

        scheduler.RunUntil(Ms(499));
        Assert.False(wait.IsCompleted);
        scheduler.RunUntil(Ms(500));

        await Assert.ThrowsAsync<TimeoutException>(() => wait);
    }

    [Fact]
    public void CancellationTokenSource_OnSimulationClock_CancelsAtSimulatedTime()
    {
        using var cts = new CancellationTokenSource(Ms(300), Clock);

        scheduler.RunUntil(Ms(299));
        Assert.False(cts.IsCancellationRequested);
        scheduler.RunUntil(Ms(300));

        Assert.True(cts.IsCancellationRequested);
    }
}
