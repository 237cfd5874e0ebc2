using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Rooms through the hub, with crafted requests from a viewer that has no instructor key.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SimulationHubRoomTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection instructor = null!;
    private HubConnection student = null!;
    private RoomCreatedInfo room = null!;

    private RoomManager Rooms => app.Services.GetRequiredService<RoomManager>();

    public async Task InitializeAsync()
    {
        instructor = await app.ConnectAsync();
        student = await app.ConnectAsync();
        room = await instructor.InvokeAsync<RoomCreatedInfo>("CreateRoom", PingPattern.Id, new { seed = 11 });
        await instructor.InvokeAsync<SnapshotInfo>("RunFor", room.SessionId, 1.0);
        await instructor.InvokeAsync<FaultInjected>("InjectFault", room.SessionId, new { faultId = PingPattern.Crash, target = "n2" });
    }

    public async Task DisposeAsync()
    {
        await instructor.DisposeAsync();
        await student.DisposeAsync();
        Rooms.Close(room.RoomCode);
    }

    private Task<SnapshotInfo> Snapshot(HubConnection hub) => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId);

    /// <summary>Every control method a viewer might try, with arguments that would be valid for the room's controller.</summary>
    public static TheoryData<string> ControlCalls => ["inject", "clear", "play", "pause", "step", "speed", "reset", "run-for", "show-damage"];

    private Task CallControl(HubConnection hub, string call, string activeFaultId) => call switch
    {
        "inject" => hub.InvokeAsync<FaultInjected>("InjectFault", room.SessionId, new { faultId = PingPattern.Crash, target = "n1" }),
        "clear" => hub.InvokeAsync("ClearFault", room.SessionId, activeFaultId),
        "run-for" => hub.InvokeAsync<SnapshotInfo>("RunFor", room.SessionId, 5.0),
        "show-damage" => hub.InvokeAsync("ShowDamage", room.SessionId, PingPattern.BreakCounting),
        "speed" => hub.InvokeAsync<SnapshotInfo>("Control", room.SessionId, new { action = "speed", value = 10 }),
        "reset" => hub.InvokeAsync<SnapshotInfo>("Control", room.SessionId, new { action = "reset", value = 99 }),
        _ => hub.InvokeAsync<SnapshotInfo>("Control", room.SessionId, new { action = call }),
    };

    [Theory]
    [MemberData(nameof(ControlCalls))]
    public async Task Viewer_IsRefusedEveryControl_AndTheRoomIsUnchanged(string call)
    {
        var joined = await student.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode.ToLowerInvariant());
        Assert.False(joined.CanControl);
        var before = await Snapshot(student);

        var error = await Assert.ThrowsAsync<HubException>(() => CallControl(student, call, before.ActiveFaults[0].Id));

        Assert.Contains($"Room {room.RoomCode} is controlled by its instructor", error.Message);
        var after = await Snapshot(student);
        Assert.Equal(before.SimulatedTime, after.SimulatedTime);
        Assert.Equal(before.EventCount, after.EventCount);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Speed, after.Speed);
        Assert.Equal(before.Seed, after.Seed);
        Assert.Equal(before.ActiveFaults.Select(f => f.Id), after.ActiveFaults.Select(f => f.Id));
        // The instructor's connection still controls it.
        await CallControl(instructor, call, before.ActiveFaults[0].Id);
    }

    [Fact]
    public async Task Viewer_WithAWrongKey_IsRefused_WithTheRightKey_GetsControl()
    {
        string wrong = room.InstructorKey[..^3] + (room.InstructorKey.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");

        var refused = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<RoomJoined>("ClaimRoom", room.RoomCode, wrong));
        Assert.Contains("does not open room", refused.Message);
        await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<RoomJoined>("ClaimRoom", room.RoomCode, ""));
        await Assert.ThrowsAsync<HubException>(() => CallControl(student, "pause", ""));

        var claimed = await student.InvokeAsync<RoomJoined>("ClaimRoom", room.RoomCode, room.InstructorKey);
        Assert.True(claimed.CanControl);
        var moved = await student.InvokeAsync<SnapshotInfo>("RunFor", room.SessionId, 0.5);
        Assert.True(moved.SimulatedTime >= 1.5);
    }

    [Fact]
    public async Task Viewer_Watches_SnapshotsStreamsFaultsAndRecording_AndNeverReceivesTheKey()
    {
        var joined = await student.InvokeAsync<JsonElement>("JoinRoom", room.RoomCode);
        var received = new List<string> { joined.GetRawText() };
        Assert.Equal(room.SessionId, joined.GetProperty("sessionId").GetString());

        received.Add((await student.InvokeAsync<JsonElement>("GetSnapshot", room.SessionId)).GetRawText());
        received.Add((await student.InvokeAsync<JsonElement>("ListFaults", room.SessionId)).GetRawText());
        received.Add((await student.InvokeAsync<JsonElement>("ExportRecording", room.SessionId)).GetRawText());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var snapshot in student.StreamAsync<JsonElement>("StreamSnapshots", room.SessionId, stop.Token))
        {
            received.Add(snapshot.GetRawText());
            break;
        }
        await foreach (var e in student.StreamAsync<JsonElement>("StreamEvents", room.SessionId, 0L, stop.Token))
        {
            received.Add(e.GetRawText());
            if (received.Count > 20)
            {
                break;
            }
        }
        var refusal = await Assert.ThrowsAsync<HubException>(() => CallControl(student, "inject", ""));
        received.Add(refusal.Message);

        Assert.Contains(received, r => r.Contains("\"n2\"", StringComparison.Ordinal));
        Assert.All(received, r => Assert.DoesNotContain(room.InstructorKey, r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatorDisconnects_TheRoomGoesOn_AndControlIsNotLeftBehind()
    {
        await student.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode);
        await instructor.StopAsync();

        await Task.Delay(100);
        var snapshot = await Snapshot(student);
        Assert.Equal(room.SessionId, snapshot.SessionId);
        Assert.NotNull(Rooms.Find(room.RoomCode));
        await Assert.ThrowsAsync<HubException>(() => CallControl(student, "play", ""));

        var again = await app.ConnectAsync();
        await using var _ = again;
        await Assert.ThrowsAsync<HubException>(() => CallControl(again, "play", ""));
        await again.InvokeAsync<RoomJoined>("ClaimRoom", room.RoomCode, room.InstructorKey);
        await CallControl(again, "play", "");
        Assert.Equal("running", (await Snapshot(student)).Status);
    }

    [Theory]
    [InlineData("", "room code is required")]
    [InlineData("K0O1IL", "6 letters and digits")]
    [InlineData("AAAAAA", "no open room AAAAAA")]
    public async Task JoinRoom_BadCode_SaysWhatWasWrong(string code, string message)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<RoomJoined>("JoinRoom", code));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task CreateRoom_UnknownPattern_SaysSo()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<RoomCreatedInfo>("CreateRoom", "nope", null));
        Assert.Contains("Unknown pattern 'nope'", error.Message);
    }
}
