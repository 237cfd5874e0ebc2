using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>A private run obeys only the connection that made it; anyone else with its id watches. CloseSession frees a place.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SimulationHubOwnershipTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection owner = null!;
    private HubConnection other = null!;
    private string sessionId = null!;
    private string activeFaultId = null!;

    public async Task InitializeAsync()
    {
        owner = await app.ConnectAsync();
        other = await app.ConnectAsync();
        sessionId = (await owner.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed = 21 })).SessionId;
        await owner.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 1.0);
        activeFaultId = (await owner.InvokeAsync<FaultInjected>("InjectFault", sessionId, new { faultId = PingPattern.Crash, target = "n2" })).ActiveFaultId!;
    }

    public async Task DisposeAsync()
    {
        await owner.DisposeAsync();
        await other.DisposeAsync();
    }

    public static TheoryData<string> ControlCalls => ["inject", "clear", "play", "pause", "step", "speed", "reset", "run-for", "travel-to", "close", "show-damage"];

    private Task Call(HubConnection hub, string call) => call switch
    {
        "inject" => hub.InvokeAsync<FaultInjected>("InjectFault", sessionId, new { faultId = PingPattern.Crash, target = "n1" }),
        "clear" => hub.InvokeAsync("ClearFault", sessionId, activeFaultId),
        "run-for" => hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 5.0),
        "travel-to" => hub.InvokeAsync<SnapshotInfo>("TravelTo", sessionId, 0.5),
        "speed" => hub.InvokeAsync<SnapshotInfo>("Control", sessionId, new { action = "speed", value = 10 }),
        "reset" => hub.InvokeAsync<SnapshotInfo>("Control", sessionId, new { action = "reset", value = 99 }),
        "close" => hub.InvokeAsync("CloseSession", sessionId),
        "show-damage" => hub.InvokeAsync("ShowDamage", sessionId, PingPattern.BreakCounting),
        _ => hub.InvokeAsync<SnapshotInfo>("Control", sessionId, new { action = call }),
    };

    [Theory]
    [MemberData(nameof(ControlCalls))]
    public async Task AnotherConnection_IsRefusedEveryControl_SayingTheViewIsReadOnly(string call)
    {
        var before = await owner.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);
        string recordingBefore = (await owner.InvokeAsync<JsonElement>("ExportRecording", sessionId)).GetRawText();

        var error = await Assert.ThrowsAsync<HubException>(() => Call(other, call));

        Assert.Contains("someone else's private run, so you have a read-only view", error.Message);
        var after = await owner.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);
        Assert.Equal((before.SimulatedTime, before.EventCount, before.Status, before.Speed, before.Generation),
            (after.SimulatedTime, after.EventCount, after.Status, after.Speed, after.Generation));
        Assert.Equal(before.ActiveFaults.Select(f => f.Id), after.ActiveFaults.Select(f => f.Id));
        Assert.Equal(recordingBefore, (await owner.InvokeAsync<JsonElement>("ExportRecording", sessionId)).GetRawText());
        // The owner still has control.
        await Call(owner, call == "close" ? "pause" : call);
    }

    [Fact]
    public async Task AnotherConnection_WatchesAndCopies_ThePrivateRun()
    {
        var snapshot = await other.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);
        var faults = await other.InvokeAsync<FaultInfo[]>("ListFaults", sessionId);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var streamed = await other.StreamAsync<SnapshotInfo>("StreamSnapshots", sessionId, stop.Token).FirstAsync(stop.Token);
        var recording = await other.InvokeAsync<JsonElement>("ExportRecording", sessionId);
        var copy = await other.InvokeAsync<SessionImported>("ImportRecording", recording);

        Assert.Equal(1, snapshot.SimulatedTime, 6);
        Assert.Contains(faults, f => f.Id == PingPattern.Crash);
        Assert.Equal(sessionId, streamed.SessionId);
        // The copy is the other connection's own: it may drive it.
        var moved = await other.InvokeAsync<SnapshotInfo>("RunFor", copy.SessionId, 1.0);
        Assert.Equal(2, moved.SimulatedTime, 6);
    }

    [Fact]
    public async Task CloseSession_ByTheOwner_ClosesIt_AndFreesAPlaceUnderTheLimit()
    {
        await using var hub = await app.ConnectAsync();
        var ids = new List<string>();
        for (int i = 0; i < DashboardFactory.MaxSessionsPerOwner; i++)
        {
            ids.Add((await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null)).SessionId);
        }
        var full = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null));
        Assert.Contains("close one first", full.Message);

        await hub.InvokeAsync("CloseSession", ids[0]);

        Assert.Null(app.Sessions.Find(ids[0]));
        var closed = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", ids[0]));
        Assert.Contains($"Unknown session '{ids[0]}'", closed.Message);
        await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null);
    }

    [Fact]
    public async Task CloseSession_OfARoom_ClosesTheRoomForItsInstructor_AndIsRefusedToStudents()
    {
        var room = await owner.InvokeAsync<RoomCreatedInfo>("CreateRoom", PingPattern.Id, new { seed = 4 });
        await other.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode);

        var refused = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync("CloseSession", room.SessionId));
        Assert.Contains($"Room {room.RoomCode} is controlled by its instructor", refused.Message);
        Assert.NotNull(app.Sessions.Find(room.SessionId));

        await owner.InvokeAsync("CloseSession", room.SessionId);

        Assert.Null(app.Sessions.Find(room.SessionId));
        Assert.Null(app.Services.GetRequiredService<RoomManager>().Find(room.RoomCode));
    }

    [Fact]
    public async Task ShowDamage_ByTheOwner_TurnsTheSwitchOnAndGivesEachStepFiveSimulatedSecondsApart()
    {
        await owner.InvokeAsync("ShowDamage", sessionId, PingPattern.BreakCounting);
        var now = await owner.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);
        Assert.Contains(now.ActiveFaults, f => f.FaultId == PingPattern.BreakCounting);
        Assert.Contains(now.ActiveFaults, f => f.FaultId == PingPattern.Delay && f.Value == 500);
        Assert.DoesNotContain(now.ActiveFaults, f => f.FaultId == PingPattern.Crash && f.Target == "n1");

        var later = await owner.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 5.0);

        Assert.Contains(later.ActiveFaults, f => f.FaultId == PingPattern.Crash && f.Target == "n1");
        var recording = await owner.InvokeAsync<JsonElement>("ExportRecording", sessionId);
        var faultIds = recording.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("faultId").GetString()).ToList();
        Assert.Equal([PingPattern.Crash, PingPattern.BreakCounting, PingPattern.Delay, PingPattern.Crash], faultIds);
    }

    [Fact]
    public async Task ShowDamage_OfAFaultThatIsNoSwitch_IsRefusedClearly()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => owner.InvokeAsync("ShowDamage", sessionId, PingPattern.Delay));

        Assert.Contains("'delay' is not a break-it switch of ping", error.Message);
    }
}
