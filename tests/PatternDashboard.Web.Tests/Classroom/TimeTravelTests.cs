using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Web.Tests.Classroom.LeaderElectionScript;

namespace PatternDashboard.Web.Tests.Classroom;

[Collection(HeavyReplayCollection.Name)]
public sealed class TimeTravelTests
{
    [Fact]
    public async Task TravelTo_ManySeeds_StateEqualsAFreshRunStoppedThere()
    {
        var picker = new Random(2024);
        for (long seed = 1; seed <= 25; seed++)
        {
            var stop = TimeSpan.FromSeconds(Math.Round(picker.NextDouble() * End.TotalSeconds, 3));
            using var session = Session(seed);
            await PlayAsync(session);

            var state = await session.TravelToAsync(stop);

            var fresh = FreshRun(seed, stop);
            string because = $"seed {seed}, jump to {stop.TotalSeconds} s";
            Assert.True(Json(fresh.CreateSnapshot()) == Json(state.Snapshot), because);
            Assert.True(fresh.Log.All().SequenceEqual(await AllEventsAsync(session)), because);
            Assert.Equal(SessionStatus.Paused, state.Status);
        }
    }

    [Fact]
    public async Task TravelTo_RightAfterAJump_CanGoForwardAgainUpToTheRunsEnd()
    {
        using var session = Session(seed: 5);
        await PlayAsync(session);

        await session.TravelToAsync(TimeSpan.FromSeconds(3));
        Assert.True(session.Timeline.Previewing);
        Assert.Equal(End.TotalSeconds, session.Timeline.Reach);
        var later = await session.TravelToAsync(TimeSpan.FromSeconds(17));

        Assert.Equal(Json(FreshRun(5, TimeSpan.FromSeconds(17)).CreateSnapshot()), Json(later.Snapshot));
        Assert.Equal(Steps.Count(s => s.At <= 17), (await session.ExportRecordingAsync()).Inputs.Count);
    }

    [Fact]
    public async Task GoingOnAfterAJump_BranchesAndTheBranchRecordingReproducesIt()
    {
        using var session = Session(seed: 8);
        await PlayAsync(session);
        await session.TravelToAsync(TimeSpan.FromSeconds(5));

        await session.InjectFaultAsync(new FaultRequest(LeaderElectionPattern.Fault.Crash, "n1"));
        await session.RunForAsync(TimeSpan.FromSeconds(6));

        var timeline = session.Timeline;
        Assert.False(timeline.Previewing);
        Assert.Equal(5, timeline.JumpedTo);
        Assert.Equal(End.TotalSeconds, timeline.JumpedFrom);
        Assert.Equal(11, timeline.Reach, 6);
        var recording = await session.ExportRecordingAsync();
        Assert.Equal(["crash", "split", "crash"], recording.Inputs.Select(i => i.FaultId));
        var replayed = PatternCatalog.CreateRegistry().Replay(Recording.FromJson(recording.ToJson()), TimeSpan.FromSeconds(11));
        Assert.Equal(replayed.Log.All(), await AllEventsAsync(session));
        await Assert.ThrowsAsync<SimulationInputException>(() => session.TravelToAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task AFaultRightAfterAJump_EndsThePreview_SoTheOldRunIsNoLongerReachable()
    {
        using var session = Session(seed: 6);
        await PlayAsync(session);
        await session.TravelToAsync(TimeSpan.FromSeconds(3));

        await session.InjectFaultAsync(new FaultRequest(LeaderElectionPattern.Fault.Isolate, "n5"));

        Assert.False(session.Timeline.Previewing);
        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.TravelToAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("0 to 3 s; 10 s is ahead of it", error.Message);
        Assert.Equal(["crash", "isolate"], (await session.ExportRecordingAsync()).Inputs.Select(i => i.FaultId));
    }

    [Theory]
    [InlineData(-1, "0 s or more")]
    [InlineData(25, "ahead of it")]
    public async Task TravelTo_BadTime_IsRefusedAndChangesNothing(double seconds, string message)
    {
        using var session = Session(seed: 3);
        await PlayAsync(session);
        var before = await session.PublishNowAsync();

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.TravelToAsync(TimeSpan.FromSeconds(seconds)));

        Assert.Contains(message, error.Message);
        var after = await session.PublishNowAsync();
        Assert.Equal(before.Snapshot.EventCount, after.Snapshot.EventCount);
        Assert.Equal(before.Generation, after.Generation);
        Assert.Equal(SessionStatus.Paused, after.Status);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void CheckTravel_NotANumber_IsRefused(double seconds)
    {
        var error = Assert.Throws<SimulationInputException>(() => SimulationSession.CheckTravel(seconds));

        Assert.Contains("0 s or more", error.Message);
    }

    [Fact]
    public async Task TravelTo_PastTheReplayLimits_IsRefusedWithTheLimitNamed()
    {
        using var tooLong = Session(seed: 3, new SessionLimits { MaxReplayMinutes = 1 });
        await tooLong.RunForAsync(TimeSpan.FromSeconds(70));
        var minutes = await Assert.ThrowsAsync<SimulationInputException>(() => tooLong.TravelToAsync(TimeSpan.FromSeconds(65)));
        Assert.Contains("at most 1 simulated minutes", minutes.Message);

        using var busy = Session(seed: 3, new SessionLimits { MaxReplayEvents = 1_000 });
        await PlayAsync(busy);
        long events = busy.Current.Snapshot.EventCount;
        var tooMany = await Assert.ThrowsAsync<SimulationInputException>(() => busy.TravelToAsync(TimeSpan.FromSeconds(19)));
        Assert.Contains("more than 1,000 events", tooMany.Message);
        var after = await busy.PublishNowAsync();
        Assert.Equal(events, after.Snapshot.EventCount);
        Assert.Equal(SessionStatus.Paused, after.Status);
        Assert.Null(busy.Timeline.Replaying);
    }

    [Fact]
    public async Task TravelTo_ClosedSession_Fails()
    {
        var session = Session(seed: 3);
        session.Dispose();

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.TravelToAsync(TimeSpan.Zero));

        Assert.Contains("has closed", error.Message);
    }
}
