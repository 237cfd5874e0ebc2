using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Web.Tests.Sessions.SessionFixtures;

namespace PatternDashboard.Web.Tests.Sessions;

/// <summary>Each published state carries its wall-clock publish time, and the hub builds its form once per state.</summary>
public sealed class PublishStampTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public async Task Publish_StampsEachStateWithTheWallClockTimeOfThePublish()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);
        var before = clock.GetUtcNow();

        var published = session.Capture(() => session.RunFrames(clock, 30));

        Assert.NotEmpty(published);
        Assert.All(published, s => Assert.True(s.PublishedAt >= before, $"{s.PublishedAt} is before {before}"));
        Assert.True(published[^1].PublishedAt > published[0].PublishedAt);
        Assert.Equal(
            published.Select(s => s.PublishedAt).Order(),
            published.Select(s => s.PublishedAt));
    }

    [Fact]
    public async Task HubForm_OfOneState_IsBuiltOnceAndCarriesThePublishTime()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);
        var state = session.Capture(() => session.RunFrames(clock, 10))[^1];

        var first = SnapshotInfo.Of(state, session);
        var second = SnapshotInfo.Of(state, session);

        Assert.Same(first, second);
        Assert.Equal(state.PublishedAt.ToUnixTimeMilliseconds(), first.PublishedAtMs);
        Assert.Equal(state.Snapshot.SimulatedTime, first.SimulatedTime, 6);
    }

    [Fact]
    public async Task HubForm_OfDifferentStates_IsBuiltForEach()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);
        var published = session.Capture(() => session.RunFrames(clock, 30));

        Assert.True(published.Count >= 2);
        Assert.NotSame(SnapshotInfo.Of(published[0], session), SnapshotInfo.Of(published[1], session));
        Assert.True(SnapshotInfo.Of(published[1], session).SimulatedTime > SnapshotInfo.Of(published[0], session).SimulatedTime);
    }
}
