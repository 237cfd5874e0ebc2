using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>A room that starts where the instructor's own run is: its time, faults and bookmarks, while the run stays private.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RoomFromRunHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;
    private string runId = "";

    private RoomManager Rooms => app.Services.GetRequiredService<RoomManager>();

    public async Task InitializeAsync()
    {
        hub = await app.ConnectAsync();
        runId = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed = 9 })).SessionId;
        await hub.InvokeAsync<SnapshotInfo>("RunFor", runId, 2.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", runId, new { faultId = PingPattern.Crash, target = "n1" });
        await hub.InvokeAsync<Bookmark>("AddBookmark", runId, new { name = "n1 crashed" });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", runId, 1.5);
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task TheRoomStartsAsTheRunIs_AndTheRunStaysPrivateAndUnchanged()
    {
        var room = await hub.InvokeAsync<RoomCreatedInfo>("CreateRoomFromSession", runId);
        try
        {
            var run = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", runId);
            var shared = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId);
            Assert.NotEqual(runId, room.SessionId);
            Assert.Equal((run.Seed, run.SimulatedTime, run.EventCount), (shared.Seed, shared.SimulatedTime, shared.EventCount));
            Assert.Equal(run.ActiveFaults.Select(f => (f.FaultId, f.Target)), shared.ActiveFaults.Select(f => (f.FaultId, f.Target)));
            Assert.Equal(["n1 crashed"], (await hub.InvokeAsync<IReadOnlyList<Bookmark>>("ListBookmarks", room.SessionId)).Select(b => b.Name));

            // This connection controls the room; a student joining it does not, and the private run is still only its owner's.
            await hub.InvokeAsync<SnapshotInfo>("Control", room.SessionId, new { action = "play" });
            await using var student = await app.ConnectAsync();
            Assert.False((await student.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode)).CanControl);
            await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<SnapshotInfo>("Control", runId, new { action = "play" }));
        }
        finally
        {
            Rooms.Close(room.RoomCode);
        }
    }

    [Fact]
    public async Task SomeoneElsesRun_OrARoomsRun_IsRefused_AndNoRoomOpens()
    {
        int before = Rooms.Count;
        await using var other = await app.ConnectAsync();

        var notYours = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<RoomCreatedInfo>("CreateRoomFromSession", runId));
        Assert.Contains("someone else's private run", notYours.Message);

        var room = await hub.InvokeAsync<RoomCreatedInfo>("CreateRoomFromSession", runId);
        try
        {
            var again = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RoomCreatedInfo>("CreateRoomFromSession", room.SessionId));
            Assert.Contains("already is a room's", again.Message);
            Assert.Equal(before + 1, Rooms.Count);
        }
        finally
        {
            Rooms.Close(room.RoomCode);
        }
    }
}
