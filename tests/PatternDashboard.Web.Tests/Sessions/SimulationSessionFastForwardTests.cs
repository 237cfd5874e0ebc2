using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;
using static PatternDashboard.Web.Tests.Sessions.SessionFixtures;

namespace PatternDashboard.Web.Tests.Sessions;

/// <summary>Fast-forward: progress, limits, cancellation and one run at a time.</summary>
public sealed class SimulationSessionFastForwardTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public async Task RunFor_ReachesTheTarget_ReportingProgressOnTheWay()
    {
        using var session = PingSession(clock);
        // Let wall time pass while the chunks run, so progress publishes fall due.
        clock.AdvanceOnRead = TimeSpan.FromMilliseconds(2);
        var published = new List<SessionState>();
        session.StatePublished += s =>
        {
            lock (published)
            {
                published.Add(s);
            }
        };

        var end = await session.RunForAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(120, end.Snapshot.SimulatedTime, 9);
        Assert.Equal(SessionStatus.Paused, end.Status);
        Assert.Null(end.FastForward);
        Assert.Same(end, session.Current);
        var progress = published.Where(s => s.Status == SessionStatus.FastForwarding).Select(s => s.FastForward!).ToList();
        Assert.True(progress.Count >= 3, $"Only {progress.Count} progress updates.");
        Assert.Equal(0, progress[0].Fraction);
        Assert.Contains(progress, p => p.Fraction is > 0 and < 1);
        Assert.All(progress, p => Assert.Equal(120, p.TargetTime, 9));
        Assert.Equal(progress.Select(p => p.Fraction).Order(), progress.Select(p => p.Fraction));
    }

    [Fact]
    public async Task RunFor_FromRunning_ReturnsToRunning()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);

        var end = await session.RunForAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(SessionStatus.Running, end.Status);
        Assert.Equal(5, end.Snapshot.SimulatedTime, 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3600.5)]
    public async Task RunFor_OutsideOneHour_IsRefused(double seconds)
    {
        using var session = PingSession(clock);

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.RunForAsync(TimeSpan.FromSeconds(seconds)));

        Assert.Contains("at most 3600 simulated seconds", error.Message);
        Assert.Equal(0, session.Time());
    }

    [Fact]
    public async Task RunFor_Cancelled_StopsAndRestoresTheStatus()
    {
        using var session = PingSession(clock);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RunForAsync(TimeSpan.FromMinutes(10), cancel.Token));

        Assert.Equal(SessionStatus.Paused, session.Current.Status);
        Assert.Null(session.Current.FastForward);
        // The session takes the next run as usual.
        var end = await session.RunForAsync(TimeSpan.FromSeconds(1));
        Assert.True(end.Snapshot.SimulatedTime >= 1);
    }

    [Fact]
    public async Task Pause_DuringRunFor_StopsTheRun()
    {
        using var session = PingSession(clock, patternOptions: new() { [PingPattern.IntervalMs] = 1, [PingPattern.NodeCount] = 6 });
        clock.AdvanceOnRead = TimeSpan.FromMilliseconds(2);
        var underway = new TaskCompletionSource();
        session.StatePublished += s =>
        {
            if (s.FastForward is { Fraction: > 0 })
            {
                underway.TrySetResult();
            }
        };

        var run = session.RunForAsync(TimeSpan.FromHours(1));
        await underway.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await session.ControlAsync(ControlAction.Pause);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(SessionStatus.Paused, session.Current.Status);
        Assert.Null(session.Current.FastForward);
        Assert.True(session.Time() < 3600);
    }

    [Fact]
    public async Task RunFor_WhileAnotherRuns_IsRefused()
    {
        using var session = PingSession(clock, patternOptions: new() { [PingPattern.IntervalMs] = 1, [PingPattern.NodeCount] = 6 });
        clock.AdvanceOnRead = TimeSpan.FromMilliseconds(2);
        var underway = new TaskCompletionSource();
        session.StatePublished += s =>
        {
            if (s.Status == SessionStatus.FastForwarding)
            {
                underway.TrySetResult();
            }
        };
        var run = session.RunForAsync(TimeSpan.FromHours(1));
        await underway.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.RunForAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains("already running", error.Message);
        await session.ControlAsync(ControlAction.Pause);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
