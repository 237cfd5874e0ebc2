using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Rooms;

/// <summary>A new room and its instructor key. The key is handed out here once and nowhere else.</summary>
public sealed record CreatedRoom(Room Room, string InstructorKey);

/// <summary>Every open room: creation within limits, lookup by join code, control by instructor key, forks and expiry.</summary>
public interface IRoomManager
{
    /// <summary>
    /// Opens a room: a new session owned by the room (not by <paramref name="creatorId"/>, so it outlives the creator's
    /// connection) and a fresh join code and instructor key. Limits throw <see cref="SessionLimitException"/>.
    /// </summary>
    CreatedRoom Create(string creatorId, string patternId, CreateSessionRequest request);

    /// <summary>
    /// Opens a room whose run starts as <paramref name="source"/> is now (options, seed, faults, time, speed, bookmarks;
    /// running if it runs): a copy replayed from its recording. Only the source's owner may; limits as <see cref="Create"/>.
    /// </summary>
    Task<CreatedRoom> CreateFromAsync(string creatorId, ISimulationSession source, CancellationToken cancellationToken = default);

    /// <summary>The room with this code (any case, spaces or dashes), or null when there is none or it expired.</summary>
    Room? Find(string? roomCode);

    /// <summary>The room, or a <see cref="Simulation.Kernel.SimulationInputException"/> saying the code is malformed or unknown.</summary>
    Room Get(string? roomCode);

    /// <summary>The room whose session this is, or null for a private session.</summary>
    Room? FindBySession(string sessionId);

    /// <summary>Gives <paramref name="controllerId"/> control when the key matches; otherwise throws <see cref="RoomControlException"/>.</summary>
    Room Claim(string? roomCode, string? instructorKey, string controllerId);

    /// <summary>Throws <see cref="RoomControlException"/> when the session belongs to a room that <paramref name="controllerId"/> does not control.</summary>
    void CheckControl(string sessionId, string controllerId);

    /// <summary>Drops every control <paramref name="controllerId"/> held (its connection went away).</summary>
    void Release(string controllerId);

    /// <summary>A private copy of the room's current state for <paramref name="ownerId"/>, replayed from its recording.</summary>
    Task<ISimulationSession> ForkAsync(string? roomCode, string ownerId, CancellationToken cancellationToken = default);

    /// <summary>Closes the room and its session now (its instructor ended it); an unknown code does nothing.</summary>
    void Close(string roomCode);

    int Count { get; }
}
