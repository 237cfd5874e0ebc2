namespace PatternDashboard.Web.Hubs;

// The hub's room shapes (camelCase on the wire), documented in docs/hub-api.md.

/// <summary>The second argument of CreateRoom. Every field may be left out.</summary>
public sealed class CreateRoomOptions
{
    public long? Seed { get; init; }

    public int? NodeCount { get; init; }

    public Dictionary<string, double>? Options { get; init; }
}

/// <summary>The answer to CreateRoom. <see cref="InstructorKey"/> is secret: it gives control of the room.</summary>
public sealed record RoomCreatedInfo(string RoomCode, string SessionId, string InstructorKey, string PatternId, long Seed);

/// <summary>The answer to JoinRoom and ClaimRoom: the session to watch, and whether this connection may change it.</summary>
public sealed record RoomJoined(string SessionId, string RoomCode, string PatternId, bool CanControl);
