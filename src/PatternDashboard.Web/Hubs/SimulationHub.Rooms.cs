using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

// Rooms: shared sessions that many connections watch and only key holders change (ControlledSession checks).
public sealed partial class SimulationHub
{
    /// <summary>Opens a room; this connection controls it. The answer is the only place the instructor key is ever sent.</summary>
    public RoomCreatedInfo CreateRoom(string patternId, CreateRoomOptions? options)
    {
        var request = new CreateSessionRequest(options?.Seed, options?.NodeCount, HubInput.Options(options?.Options));
        var (room, key) = rooms.Create(OwnerId, HubInput.Text(patternId, "pattern id")!, request);
        rooms.Claim(room.Code, key, ControllerId);
        return new RoomCreatedInfo(room.Code, room.Session.Id, key, room.Session.Pattern.Id, room.Session.Current.Snapshot.Seed);
    }

    /// <summary>
    /// Opens a room that starts where this connection's run <paramref name="sessionId"/> is now (a copy of it; the run
    /// itself stays private); this connection controls the room.
    /// </summary>
    public async Task<RoomCreatedInfo> CreateRoomFromSession(string sessionId)
    {
        var source = FoundSession(sessionId);
        var (room, key) = await rooms.CreateFromAsync(OwnerId, source, Context.ConnectionAborted);
        rooms.Claim(room.Code, key, ControllerId);
        return new RoomCreatedInfo(room.Code, room.Session.Id, key, room.Session.Pattern.Id, room.Session.Current.Snapshot.Seed);
    }

    /// <summary>The room's session, to watch (GetSnapshot, StreamSnapshots, StreamEvents); control needs ClaimRoom.</summary>
    public RoomJoined JoinRoom(string roomCode)
    {
        var room = rooms.Get(HubInput.Text(roomCode, "room code"));
        return new RoomJoined(room.Session.Id, room.Code, room.Session.Pattern.Id, room.HasControl(ControllerId));
    }

    /// <summary>Gives this connection control of the room when the instructor key matches.</summary>
    public RoomJoined ClaimRoom(string roomCode, string instructorKey)
    {
        var room = rooms.Claim(HubInput.Text(roomCode, "room code"), HubInput.Text(instructorKey, "instructor key"), ControllerId);
        return new RoomJoined(room.Session.Id, room.Code, room.Session.Pattern.Id, CanControl: true);
    }
}
