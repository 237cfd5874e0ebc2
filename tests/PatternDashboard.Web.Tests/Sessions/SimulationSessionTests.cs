using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;
using static PatternDashboard.Web.Tests.Sessions.SessionFixtures;

namespace PatternDashboard.Web.Tests.Sessions;

public sealed class SimulationSessionTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public void New_IsPausedAtTimeZero()
    {
        using var session = PingSession(clock);

        Assert.Equal(SessionStatus.Paused, session.Current.Status);
        Assert.Equal(0, session.Time());
        Assert.Equal(1, session.Current.Speed);
        Assert.Null(session.Current.FastForward);
        Assert.Equal(7, session.Current.Snapshot.Seed);
    }

    [Fact]
    public async Task Play_AtSpeedTwo_AdvancesTwiceTheWallTime()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Speed, 2);
        await session.ControlAsync(ControlAction.Play);

        session.RunFrames(clock, 120);
        await session.ControlAsync(ControlAction.Pause);

        Assert.Equal(2 * 120 * Frame.TotalSeconds, session.Time(), 6);
    }

    [Fact]
    public async Task Play_InSlowMotion_AdvancesAHundredthOfTheWallTime()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Speed, 0.01);
        await session.ControlAsync(ControlAction.Play);

        session.RunFrames(clock, 600);
        await session.ControlAsync(ControlAction.Pause);

        Assert.Equal(0.01 * 600 * Frame.TotalSeconds, session.Time(), 6);
    }

    [Fact]
    public async Task Pause_StopsTheClockAndThePublishing()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);
        session.RunFrames(clock, 30);
        await session.ControlAsync(ControlAction.Pause);
        double paused = session.Time();

        var published = session.Capture(() => session.RunFrames(clock, 120));

        Assert.Empty(published);
        Assert.Equal(paused, session.Time());
        Assert.Equal(SessionStatus.Paused, session.Current.Status);
    }

    [Fact]
    public async Task Step_RunsExactlyOneEvent_AndPauses()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);
        session.RunFrames(clock, 20);
        await session.ControlAsync(ControlAction.Pause);
        long before = session.Events();

        await session.ControlAsync(ControlAction.Play);
        await session.ControlAsync(ControlAction.Step);

        Assert.Equal(before + 1, session.Events());
        Assert.Equal(SessionStatus.Paused, session.Current.Status);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public async Task Speed_OutOfRange_IsRefusedWithTheRange(double speed)
    {
        using var session = PingSession(clock);
        var before = session.Current;

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.ControlAsync(ControlAction.Speed, speed));

        Assert.Contains("between 0.01 and 100", error.Message);
        Assert.Same(before, session.Current);
    }

    [Fact]
    public async Task Speed_WithoutValue_IsRefused()
    {
        using var session = PingSession(clock);

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.ControlAsync(ControlAction.Speed));

        Assert.Contains("Speed must be between", error.Message);
    }

    [Fact]
    public async Task Play_WithValue_IsRefused()
    {
        using var session = PingSession(clock);

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.ControlAsync(ControlAction.Play, 3));

        Assert.Contains("takes no value", error.Message);
        Assert.Equal(SessionStatus.Paused, session.Current.Status);
    }

    [Fact]
    public async Task InjectFault_PublishesAtOnce_AndClearFaultUndoesIt()
    {
        using var session = PingSession(clock);

        var active = await session.InjectFaultAsync(Fault(PingPattern.Crash, "n1"));

        Assert.NotNull(active);
        var crashed = Assert.Single(session.Current.Snapshot.ActiveFaults);
        Assert.Equal(active.Id, crashed.Id);
        Assert.False(session.Current.Snapshot.Nodes.Single(n => n.Id == "n1").Up);

        await session.ClearFaultAsync(active.Id);

        Assert.Empty(session.Current.Snapshot.ActiveFaults);
        Assert.True(session.Current.Snapshot.Nodes.Single(n => n.Id == "n1").Up);
    }

    [Fact]
    public async Task InjectFault_Instant_ReturnsNoActiveFault()
    {
        using var session = PingSession(clock);

        var active = await session.InjectFaultAsync(Fault(PingPattern.Nudge, "n3"));

        Assert.Null(active);
        Assert.Empty(session.Current.Snapshot.ActiveFaults);
    }

    [Theory]
    [InlineData("melt", null, null, "Unknown fault 'melt'")]
    [InlineData(PingPattern.Crash, null, null, "needs a target node")]
    [InlineData(PingPattern.Crash, "n9", null, "Unknown node 'n9'")]
    [InlineData(PingPattern.Delay, null, 5000.0, "between 0 and 1000")]
    [InlineData(PingPattern.Delay, "n1", null, "takes no target")]
    [InlineData(PingPattern.BreakCounting, null, 3.0, "takes no value")]
    public async Task InjectFault_BadRequest_IsRefusedAndChangesNothing(string faultId, string? target, double? value, string message)
    {
        using var session = PingSession(clock);
        await session.RunForAsync(TimeSpan.FromSeconds(1));
        var before = session.Current;

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.InjectFaultAsync(Fault(faultId, target, value)));

        Assert.Contains(message, error.Message);
        Assert.Same(before, session.Current);
        Assert.Empty((await session.ExportRecordingAsync()).Inputs);
    }

    [Fact]
    public async Task ClearFault_UnknownId_IsRefused()
    {
        using var session = PingSession(clock);

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.ClearFaultAsync("f42"));

        Assert.Contains("f42", error.Message);
    }

    [Fact]
    public async Task Reset_WithSeed_RebuildsAtTimeZeroWithThatSeed()
    {
        using var session = PingSession(clock);
        await session.InjectFaultAsync(Fault(PingPattern.Crash, "n1"));
        await session.ControlAsync(ControlAction.Play);
        session.RunFrames(clock, 30);

        await session.ControlAsync(ControlAction.Reset, 99);

        Assert.Equal(0, session.Time());
        Assert.Equal(99, session.Current.Snapshot.Seed);
        Assert.Equal(SessionStatus.Paused, session.Current.Status);
        Assert.Empty(session.Current.Snapshot.ActiveFaults);
        Assert.Equal(1, session.Current.Generation);
    }

    [Fact]
    public async Task Reset_WithoutSeed_ReplaysTheSameRun()
    {
        using var session = PingSession(clock, patternOptions: new() { [PingPattern.NodeCount] = 5 });
        var first = await session.RunForAsync(TimeSpan.FromSeconds(3));

        await session.ControlAsync(ControlAction.Reset);
        var second = await session.RunForAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(7, second.Snapshot.Seed);
        Assert.Equal(5, second.Snapshot.Nodes.Count);
        Assert.Equal(first.Snapshot.EventCount, second.Snapshot.EventCount);
        Assert.Equal(first.LastEventSequence, second.LastEventSequence);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1e17)]
    public async Task Reset_WithBadSeed_IsRefused(double seed)
    {
        using var session = PingSession(clock);

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.ControlAsync(ControlAction.Reset, seed));

        Assert.Contains("whole number", error.Message);
        Assert.Equal(7, session.Current.Snapshot.Seed);
    }

    [Fact]
    public async Task Tick_OverItsEventBudget_FallsBehindInsteadOfCatchingUp()
    {
        using var session = PingSession(clock, patternOptions: new() { [PingPattern.IntervalMs] = 1, [PingPattern.NodeCount] = 6 });
        session.MaxEventsPerTick = 100;
        await session.ControlAsync(ControlAction.Speed, 100);
        await session.ControlAsync(ControlAction.Play);

        for (int i = 0; i < 10; i++)
        {
            long events = (await session.PublishNowAsync()).Snapshot.EventCount;
            session.RunFrames(clock, 1);
            Assert.InRange((await session.PublishNowAsync()).Snapshot.EventCount - events, 1, 100);
        }

        // Ten frames at 100x would be 16.7 simulated seconds; the session got through far less and owes nothing.
        Assert.True(session.Time() < 1, $"Simulated {session.Time()} s.");
    }

    [Fact]
    public async Task Tick_AfterALongStall_CountsAtMostAQuarterSecond()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);

        clock.Advance(TimeSpan.FromMinutes(5));
        session.Tick();
        await session.ControlAsync(ControlAction.Pause);

        Assert.Equal(0.25, session.Time(), 6);
    }

    [Fact]
    public async Task GetEvents_ReturnsTheLogAfterASequence()
    {
        using var session = PingSession(clock);
        await session.RunForAsync(TimeSpan.FromSeconds(2));

        var all = await session.GetEventsAsync(0);
        var later = await session.GetEventsAsync(10, max: 5);

        Assert.Equal(session.Current.LastEventSequence, all[^1].Sequence);
        Assert.Equal([11L, 12, 13, 14, 15], later.Select(e => e.Sequence));
        await Assert.ThrowsAsync<SimulationInputException>(() => session.GetEventsAsync(-1));
    }

    [Fact]
    public async Task ExportRecording_HoldsTheInputs()
    {
        using var session = PingSession(clock);
        await session.RunForAsync(TimeSpan.FromSeconds(1));
        await session.InjectFaultAsync(Fault(PingPattern.Delay, value: 250));

        var recording = await session.ExportRecordingAsync();

        Assert.Equal(PingPattern.Id, recording.PatternId);
        Assert.Equal(7, recording.Seed);
        var input = Assert.Single(recording.Inputs);
        Assert.Equal(PingPattern.Delay, input.FaultId);
        Assert.Equal(250, input.Value);
        Assert.Equal(1, input.TimeSeconds, 9);
    }

    [Fact]
    public async Task Closed_RefusesEveryInput()
    {
        var session = PingSession(clock);
        session.Dispose();

        Assert.True(session.IsClosed);
        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.ControlAsync(ControlAction.Play));
        Assert.Contains("has closed", error.Message);
        await Assert.ThrowsAsync<SimulationInputException>(() => session.InjectFaultAsync(Fault(PingPattern.Nudge, "n1")));
        await Assert.ThrowsAsync<SimulationInputException>(() => session.RunForAsync(TimeSpan.FromSeconds(1)));
    }
}
