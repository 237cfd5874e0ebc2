using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// The pattern pages in the browser reach the server only through the hub: these drive the browser's page backend and
/// hub session against the real app, as two browsers (two cookies) would, and compare what a page sees with the
/// server's own session.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PageBackendTests(DashboardFactory app) : IAsyncLifetime
{
    private const string Alice = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
    private const string Bob = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";
    private readonly List<HubPageBackend> backends = [];

    private HubPageBackend Browser(string browserId)
    {
        var backend = new HubPageBackend(app.PageConnection(browserId), PatternCatalog.CreateRegistry());
        backends.Add(backend);
        return backend;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in backends)
        {
            await backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task NewRun_BelongsToTheBrowser_OutlivesItsConnection_AndOthersOnlyWatch()
    {
        var first = Browser(Alice);
        var run = await first.CreateRunAsync(LeaderElectionPattern.Id);
        await run.RunForAsync(TimeSpan.FromSeconds(2));
        await first.DisposeAsync();
        backends.Remove(first);

        var reloaded = Browser(Alice);
        Assert.Contains(await reloaded.ListMyRunsAsync(), r => r.SessionId == run.Id && r.SimulatedTime >= 2);
        var again = Assert.IsType<OpenedRun>(await reloaded.OpenRunAsync(run.Id));
        Assert.True(again.CanControl);
        await again.Session.ControlAsync(ControlAction.Step);

        var stranger = Assert.IsType<OpenedRun>(await Browser(Bob).OpenRunAsync(run.Id));
        Assert.False(stranger.CanControl);
        var refused = await Assert.ThrowsAsync<SimulationInputException>(() => stranger.Session.ControlAsync(ControlAction.Play));
        Assert.Contains("read-only", refused.Message);
        Assert.Null(await reloaded.OpenRunAsync("no-such-run"));
    }

    [Fact]
    public async Task HubSession_ShowsWhatTheServersSessionHolds()
    {
        var session = await Browser(Alice).CreateRunAsync(LeaderElectionPattern.Id);
        var state = await session.RunForAsync(TimeSpan.FromSeconds(8));
        var server = app.Sessions.Get(session.Id).Current;

        Assert.Equal(server.Snapshot.SimulatedTime, state.Snapshot.SimulatedTime, 6);
        Assert.Equal(server.Snapshot.Nodes.Select(n => (n.Id, n.State, n.Up)), state.Snapshot.Nodes.Select(n => (n.Id, n.State, n.Up)));
        var (node, serverNode) = (state.Snapshot.Nodes[0], server.Snapshot.Nodes[0]);
        Assert.Equal(serverNode.Properties[LeaderElectionPattern.Property.Role], Assert.IsType<string>(node.Properties[LeaderElectionPattern.Property.Role]));
        Assert.Equal(Convert.ToDouble(serverNode.Properties[LeaderElectionPattern.Property.Term]), Convert.ToDouble(node.Properties[LeaderElectionPattern.Property.Term]));

        var details = HubSnapshots.DetailsAs<LeaderElectionDetails>(state.Snapshot.Details);
        var serverDetails = (LeaderElectionDetails)server.Snapshot.Details!;
        Assert.NotNull(details);
        Assert.Equal(JsonSerializer.Serialize(serverDetails), JsonSerializer.Serialize(details));
        Assert.NotNull(details.LeaderId);

        Assert.Equal(server.Snapshot.Series.Select(s => s.Name).Order(), state.Snapshot.Series.Select(s => s.Name).Order());
        Assert.All(state.Snapshot.Series, s => Assert.NotEmpty(s.Points));
        Assert.Equal(session.FaultCatalog.Select(f => f.Id), app.Sessions.Get(session.Id).FaultCatalog.Select(f => f.Id));

        var crash = await session.InjectFaultAsync(new FaultRequest(LifecycleFaults.Crash, details.LeaderId));
        Assert.Equal(details.LeaderId, crash?.Target);
        var events = await session.GetEventsAsync(0, 2000);
        Assert.InRange(events.Count, 1, HubCalls.MaxEventsPerCall);
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Watching_AHubSession_SeesTheRunMove_AndItsChartsGrow()
    {
        var session = await Browser(Alice).CreateRunAsync(LeaderElectionPattern.Id);
        await session.ControlAsync(ControlAction.Speed, 20);
        await session.ControlAsync(ControlAction.Play);
        var seen = new List<SessionState>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var state in session.WatchAsync(enough.Token))
        {
            seen.Add(state);
            if (seen.Count == 5)
            {
                break;
            }
        }

        Assert.True(seen[^1].Snapshot.SimulatedTime > seen[1].Snapshot.SimulatedTime, "the watched run did not move");
        Assert.Equal(SessionStatus.Running, seen[^1].Status);
        var points = seen[^1].Snapshot.Series.Sum(s => s.Points.Length);
        Assert.True(points > seen[0].Snapshot.Series.Sum(s => s.Points.Length), "no chart gained a point");
    }

    [Fact]
    public async Task Lessons_StartStepAndEnd_ThroughTheHub()
    {
        var backend = Browser(Alice);
        var lesson = Assert.Single(await backend.LessonsAsync(LeaderElectionPattern.Id), l => l.Id == "leader-election/losing-the-leader");
        var session = await backend.CreateRunAsync(LeaderElectionPattern.Id);

        await session.StartLessonAsync(lesson);
        await session.ControlAsync(ControlAction.Pause);
        Assert.Equal((lesson.Id, 0), (session.Lesson?.Lesson.Id, session.Lesson?.StepIndex));
        await session.GoToLessonStepAsync(1);
        await session.ControlAsync(ControlAction.Pause);
        Assert.Equal(1, session.Lesson?.StepIndex);
        await session.EndLessonAsync();
        await session.ControlAsync(ControlAction.Pause);
        Assert.Null(session.Lesson);

        var unknown = await Assert.ThrowsAsync<SimulationInputException>(() => session.StartLessonAsync(lesson with { Id = "leader-election/nope" }));
        Assert.Contains("Unknown lesson", unknown.Message);
    }

    [Fact]
    public async Task Room_ControlNeedsTheKey_AndTryItYourselfGivesAPrivateCopy()
    {
        var room = await Browser(Alice).CreateRoomAsync(LeaderElectionPattern.Id);
        Assert.True(room.CanControl);
        await room.Session.RunForAsync(TimeSpan.FromSeconds(3));

        var student = Browser(Bob);
        var watching = Assert.IsType<OpenedRoom>(await student.OpenRoomAsync(room.Code, null));
        Assert.False(watching.CanControl);
        Assert.Null(watching.InstructorKey);
        await Assert.ThrowsAsync<SimulationInputException>(() => watching.Session.ControlAsync(ControlAction.Play));
        Assert.False((await student.OpenRoomAsync(room.Code, "not-the-key"))!.CanControl);
        Assert.True((await Browser(Bob).OpenRoomAsync(room.Code, room.InstructorKey))!.CanControl);

        var forkId = await student.ForkRoomAsync(room.Code);
        var fork = Assert.IsType<OpenedRun>(await student.OpenRunAsync(forkId));
        Assert.True(fork.CanControl);
        Assert.Equal(room.Session.Current.Snapshot.SimulatedTime, fork.Session.Current.Snapshot.SimulatedTime, 3);
        Assert.Null(await student.OpenRoomAsync("ZZZZZZ", null));
    }
}
