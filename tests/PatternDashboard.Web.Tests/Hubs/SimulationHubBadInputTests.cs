using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Every hub method, given a bad argument, answers with a HubException saying what was wrong and leaves the session as it was.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SimulationHubBadInputTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;
    private string sessionId = null!;

    /// <summary>A call with a bad argument, on a hub with a good session (id given), and the words its error must contain.</summary>
    public delegate Task BadCall(HubConnection hub, string sessionId);

    private static readonly Dictionary<string, (BadCall Call, string Message)> Cases = new()
    {
        ["CreateSession unknown pattern"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", "paxos", null), "Unknown pattern 'paxos'"),
        ["CreateSession no pattern"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", null, null), "A pattern id is required"),
        ["CreateSession unknown option"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { options = new { colour = 1 } }), "Unknown option 'colour'"),
        ["CreateSession option out of range"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { options = new { intervalMs = 0 } }), "between 1 and 1000"),
        ["CreateSession nodeCount out of range"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { nodeCount = 99 }), "between 2 and 6"),
        ["CreateSession nodeCount on fixed pattern"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", PingPattern.FixedId, new { nodeCount = 3 }), "fixed number of nodes"),
        ["GetSnapshot unknown session"] = ((h, _) => h.InvokeAsync<SnapshotInfo>("GetSnapshot", "nope"), "Unknown session 'nope'"),
        ["GetSnapshot no session"] = ((h, _) => h.InvokeAsync<SnapshotInfo>("GetSnapshot", null), "A session id is required"),
        ["StreamSnapshots unknown session"] = ((h, _) => Drain(h.StreamAsync<SnapshotInfo>("StreamSnapshots", "nope")), "Unknown session 'nope'"),
        ["StreamSnapshotsWhenReady unknown session"] = ((h, _) => Drain(h.StreamAsync<SnapshotInfo>("StreamSnapshotsWhenReady", "nope", AsksOnce())), "Unknown session 'nope'"),
        ["StreamEvents unknown session"] = ((h, _) => Drain(h.StreamAsync<EventInfo>("StreamEvents", "nope", 0L)), "Unknown session 'nope'"),
        ["StreamEvents negative sequence"] = ((h, id) => Drain(h.StreamAsync<EventInfo>("StreamEvents", id, -3L)), "afterSequence must be 0 or more"),
        ["ListFaults unknown session"] = ((h, _) => h.InvokeAsync<FaultInfo[]>("ListFaults", "nope"), "Unknown session 'nope'"),
        ["InjectFault unknown session"] = ((h, _) => h.InvokeAsync<FaultInjected>("InjectFault", "nope", new { faultId = "crash", target = "n1" }), "Unknown session 'nope'"),
        ["InjectFault no fault"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, null), "A fault needs a faultId"),
        ["InjectFault unknown fault"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = "melt" }), "Unknown fault 'melt'"),
        ["InjectFault unknown node"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = "crash", target = "n9" }), "Unknown node 'n9'"),
        ["InjectFault missing target"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = "crash" }), "needs a target node"),
        ["InjectFault value out of range"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = "delay", value = 5000 }), "between 0 and 1000"),
        ["InjectFault not applicable"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = "crash", target = "n1" }), "n1 is already down"),
        ["ClearFault unknown id"] = ((h, id) => h.InvokeAsync("ClearFault", id, "f99"), "No active fault has the id 'f99'"),
        ["ClearFault no id"] = ((h, id) => h.InvokeAsync("ClearFault", id, null), "An active fault id is required"),
        ["Control unknown action"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("Control", id, new { action = "dance" }), "Unknown action 'dance'"),
        ["Control no action"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("Control", id, null), "needs an action"),
        ["Control speed too high"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("Control", id, new { action = "speed", value = 1000 }), "between 0.01 and 100"),
        ["Control speed without value"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("Control", id, new { action = "speed" }), "between 0.01 and 100"),
        ["Control play with value"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("Control", id, new { action = "play", value = 2 }), "takes no value"),
        ["Control reset with fractional seed"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("Control", id, new { action = "reset", value = 1.5 }), "whole number"),
        ["Control unknown session"] = ((h, _) => h.InvokeAsync<SnapshotInfo>("Control", "nope", new { action = "play" }), "Unknown session 'nope'"),
        ["RunFor zero"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("RunFor", id, 0.0), "at most 3600 simulated seconds"),
        ["RunFor over an hour"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("RunFor", id, 7200.0), "at most 3600 simulated seconds"),
        ["RunFor unknown session"] = ((h, _) => h.InvokeAsync<SnapshotInfo>("RunFor", "nope", 1.0), "Unknown session 'nope'"),
        ["TravelTo beyond any TimeSpan"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("TravelTo", id, 1e308), "no run replays more than one simulated day"),
        ["TravelTo NaN"] = ((h, id) => h.InvokeCoreAsync<SnapshotInfo>("TravelTo", [id, new RawJson("\"NaN\"")]), "0 s or more; got NaN"),
        ["RunFor Infinity"] = ((h, id) => h.InvokeCoreAsync<SnapshotInfo>("RunFor", [id, new RawJson("\"Infinity\"")]), "at most 3600 simulated seconds"),
        ["Control speed NaN"] = ((h, id) => h.InvokeCoreAsync<SnapshotInfo>("Control", [id, new RawJson("{\"action\":\"speed\",\"value\":\"NaN\"}")]), "between 0.01 and 100"),
        ["InjectFault value -Infinity"] = ((h, id) => h.InvokeCoreAsync<FaultInjected>("InjectFault", [id, new RawJson("{\"faultId\":\"delay\",\"value\":\"-Infinity\"}")]), "between 0 and 1000"),
        ["GetSnapshot oversized id"] = ((h, _) => h.InvokeAsync<SnapshotInfo>("GetSnapshot", new string('a', 100_000)), "100,000 characters long; none is longer than 200"),
        ["InjectFault oversized fault id"] = ((h, id) => h.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = new string('x', 5000) }), "fault id is 5,000 characters long"),
        ["CreateSession oversized option name"] = ((h, _) => h.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { options = new Dictionary<string, double> { [new string('o', 300)] = 1 } }), "option name is 300 characters long"),
        ["JoinRoom empty code"] = ((h, _) => h.InvokeAsync<RoomJoined>("JoinRoom", ""), "A room code is required"),
        ["RunFor a string"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("RunFor", id, "soon"), "Error binding arguments"),
        ["RunFor missing argument"] = ((h, id) => h.InvokeAsync<SnapshotInfo>("RunFor", id), "provides 1 argument(s) but target expects 2"),
        ["ExportRecording unknown session"] = ((h, _) => h.InvokeAsync<object>("ExportRecording", "nope"), "Unknown session 'nope'"),
        ["ImportRecording null"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", null), "A recording is required"),
        ["ImportRecording a number"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", 42), "not number"),
        ["ImportRecording not JSON"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", "{ this is not json"), "not valid JSON"),
        ["ImportRecording no pattern"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", new { formatVersion = 1, seed = 1, options = new { }, inputs = Array.Empty<object>() }), "names no pattern"),
        ["ImportRecording wrong version"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", new { formatVersion = 7, patternId = "ping", seed = 1, options = new { }, inputs = Array.Empty<object>() }), "format version 7"),
        ["ImportRecording malformed field"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", new { formatVersion = 1, patternId = "ping", seed = "seven" }), "malformed"),
        ["ImportRecording string with a lone surrogate"] = ((h, _) => h.InvokeCoreAsync<SessionImported>("ImportRecording", [new RawJson("\"{\\\"a\\\": 1}\\ud800\"")]), "The recording is not valid text"),
        ["ImportRecording object with a lone surrogate"] = ((h, _) => h.InvokeCoreAsync<SessionImported>("ImportRecording", [new RawJson("{\"formatVersion\":1,\"patternId\":\"\\ud800\"}")]), "The recording is malformed"),
        ["ImportRecording unknown fault"] = ((h, _) => h.InvokeAsync<SessionImported>("ImportRecording", new
        {
            formatVersion = 1, patternId = "ping", seed = 1, options = new { },
            inputs = new[] { new { timeTicks = 0, afterEvents = 0, action = "inject", faultId = "melt" } },
        }), "Unknown fault 'melt'"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public async Task InitializeAsync()
    {
        hub = await app.ConnectAsync();
        sessionId = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed = 3 })).SessionId;
        await hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 1.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", sessionId, new { faultId = "crash", target = "n1" });
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadArgument_GetsHubExceptionSayingWhatWasWrong_AndTheSessionGoesOn(string name)
    {
        var (call, message) = Cases[name];
        var before = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);
        int sessionsBefore = app.Sessions.ListByOwner(OwnerOf(before)).Count;

        var error = await Assert.ThrowsAsync<HubException>(() => call(hub, sessionId));

        Assert.Contains(message, error.Message);
        var after = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);
        Assert.Equal(before.SimulatedTime, after.SimulatedTime);
        Assert.Equal(before.EventCount, after.EventCount);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Speed, after.Speed);
        Assert.Equal(before.ActiveFaults.Select(f => f.Id), after.ActiveFaults.Select(f => f.Id));
        Assert.Equal(sessionsBefore, app.Sessions.ListByOwner(OwnerOf(before)).Count);
        // And it still takes good input.
        var moved = await hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 0.5);
        Assert.Equal(before.SimulatedTime + 0.5, moved.SimulatedTime, 6);
    }

    private string OwnerOf(SnapshotInfo snapshot) => app.Sessions.Get(snapshot.SessionId).OwnerId;

    private static async IAsyncEnumerable<int> AsksOnce()
    {
        await Task.Yield();
        yield return 1;
    }

    private static async Task Drain<T>(IAsyncEnumerable<T> stream)
    {
        await foreach (var _ in stream)
        {
        }
    }
}
