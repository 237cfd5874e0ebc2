using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// The open rooms. A room's session is owned by "room:CODE", so closing the creator's connection or circuit leaves
/// it running; the room closes it when nobody watched for <see cref="RoomLimits.IdleMinutes"/>. Logs name rooms by
/// code and session, never by key.
/// </summary>
public sealed class RoomManager(ISessionManager sessions, IOptions<RoomLimits> options, TimeProvider time, ILogger<RoomManager> logger) : IRoomManager
{
    private readonly ConcurrentDictionary<string, Room> rooms = new(StringComparer.Ordinal);
    private readonly Lock admission = new();
    // Codes given to rooms whose run is still being copied; guarded by admission.
    private readonly HashSet<string> reserved = new(StringComparer.Ordinal);
    private readonly RoomLimits limits = options.Value;

    public int Count => rooms.Count;

    public RoomLimits Limits => limits;

    public CreatedRoom Create(string creatorId, string patternId, CreateSessionRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creatorId);
        lock (admission)
        {
            CheckLimitsLocked(creatorId);
            string code = NewUniqueCodeLocked();
            var session = sessions.Create(SessionManager.RoomOwnerPrefix + code, patternId, request ?? new CreateSessionRequest());
            string key = InstructorKey.New();
            var room = new Room(code, session, creatorId, key, time.GetUtcNow());
            rooms[code] = room;
            logger.LogInformation("Opened {Room}; {Count} rooms open.", room, rooms.Count);
            return new CreatedRoom(room, key);
        }
    }

    public async Task<CreatedRoom> CreateFromAsync(string creatorId, ISimulationSession source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creatorId);
        ArgumentNullException.ThrowIfNull(source);
        if (SessionOwnership.IsRoomSession(source))
        {
            throw new SimulationInputException("This run already is a room's. Start a room from a run of your own (\"Try it yourself\" makes one).");
        }
        SessionOwnership.CheckOwner(source, creatorId);
        string code;
        lock (admission)
        {
            CheckLimitsLocked(creatorId);
            code = NewUniqueCodeLocked();
            reserved.Add(code);
        }
        try
        {
            bool running = source.Current.Status == SessionStatus.Running;
            var session = await sessions.ForkAsync(SessionManager.RoomOwnerPrefix + code, source, cancellationToken).ConfigureAwait(false);
            if (running)
            {
                await session.ControlAsync(ControlAction.Play).ConfigureAwait(false);
            }
            lock (admission)
            {
                string key = InstructorKey.New();
                var room = new Room(code, session, creatorId, key, time.GetUtcNow());
                rooms[code] = room;
                logger.LogInformation("Opened {Room} from session {SourceId}; {Count} rooms open.", room, source.Id, rooms.Count);
                return new CreatedRoom(room, key);
            }
        }
        finally
        {
            lock (admission)
            {
                reserved.Remove(code);
            }
        }
    }

    public Room? Find(string? roomCode)
    {
        if (!RoomCode.TryNormalize(roomCode, out var code) || !rooms.TryGetValue(code, out var room))
        {
            return null;
        }
        if (room.Session.IsClosed)
        {
            Remove(room, "its session closed");
            return null;
        }
        return room;
    }

    public Room Get(string? roomCode)
    {
        if (!RoomCode.TryNormalize(roomCode, out var code))
        {
            throw new SimulationInputException(string.IsNullOrWhiteSpace(roomCode) ? "A room code is required. " + RoomCode.FormatHint : RoomCode.FormatHint);
        }
        var room = Find(code)
            ?? throw new SimulationInputException($"There is no open room {code}. Check the code with your instructor; rooms close after {limits.IdleMinutes} minutes with nobody watching.");
        room.Touch(time.GetUtcNow());
        return room;
    }

    public Room? FindBySession(string sessionId) =>
        sessions.Find(sessionId) is { OwnerId: var owner } && owner.StartsWith(SessionManager.RoomOwnerPrefix, StringComparison.Ordinal)
            ? Find(owner[SessionManager.RoomOwnerPrefix.Length..])
            : null;

    public Room Claim(string? roomCode, string? instructorKey, string controllerId)
    {
        var room = Get(roomCode);
        if (!room.IsInstructorKey(instructorKey))
        {
            logger.LogWarning("A wrong instructor key was presented for {Room}.", room);
            throw new RoomControlException($"That instructor key does not open room {room.Code}. Use the secret instructor link the room's creator received.");
        }
        Grant(room, controllerId);
        return room;
    }

    /// <summary>Control for the room's creator, who needs no key.</summary>
    public void Grant(Room room, string controllerId)
    {
        if (!room.Grant(controllerId, limits.MaxControllersPerRoom))
        {
            throw new RoomControlException($"Room {room.Code} already has {limits.MaxControllersPerRoom} controlling connections; close one first.");
        }
    }

    public void CheckControl(string sessionId, string controllerId)
    {
        if (FindBySession(sessionId) is { } room)
        {
            if (!room.HasControl(controllerId))
            {
                throw RoomControlException.WatchOnly(room.Code);
            }
            room.Touch(time.GetUtcNow());
        }
    }

    public void Release(string controllerId)
    {
        foreach (var room in rooms.Values)
        {
            room.Revoke(controllerId);
        }
    }

    public Task<ISimulationSession> ForkAsync(string? roomCode, string ownerId, CancellationToken cancellationToken = default)
    {
        var room = Get(roomCode);
        return sessions.ForkAsync(ownerId, room.Session, cancellationToken);
    }

    /// <summary>Closes the rooms nobody watched for <see cref="RoomLimits.IdleMinutes"/> and forgets those whose session closed; returns how many.</summary>
    public int ExpireIdle()
    {
        var now = time.GetUtcNow();
        int expired = 0;
        foreach (var room in rooms.Values)
        {
            if (room.Session.IsClosed)
            {
                expired += Remove(room, "its session closed") ? 1 : 0;
            }
            else if (room.ViewerCount > 0)
            {
                room.Touch(now);
            }
            else if (now - room.LastWatched >= limits.IdleExpiry)
            {
                expired += Remove(room, $"nobody watched for {limits.IdleMinutes} minutes") ? 1 : 0;
            }
        }
        return expired;
    }

    /// <summary>Closes a room and its session now.</summary>
    public void Close(string roomCode)
    {
        if (Find(roomCode) is { } room)
        {
            Remove(room, "it was closed");
        }
    }

    private bool Remove(Room room, string reason)
    {
        if (!rooms.TryRemove(new KeyValuePair<string, Room>(room.Code, room)))
        {
            return false;
        }
        sessions.Close(room.Session.Id);
        logger.LogInformation("Closed {Room}: {Reason}; {Count} rooms open.", room, reason, rooms.Count);
        return true;
    }

    private void CheckLimitsLocked(string creatorId)
    {
        if (rooms.Count + reserved.Count >= limits.MaxRooms)
        {
            throw new SessionLimitException($"The server already runs its limit of {limits.MaxRooms} rooms; try again later.");
        }
        int created = rooms.Values.Count(r => r.CreatorId == creatorId && !r.Session.IsClosed);
        if (created >= limits.MaxRoomsPerCreator)
        {
            throw new SessionLimitException($"You already have {created} rooms open (the limit is {limits.MaxRoomsPerCreator}); let one expire first.");
        }
    }

    private string NewUniqueCodeLocked()
    {
        // 22^6 codes and at most a thousand rooms: a clash is rare, and a few tries make it vanishingly so.
        for (int attempt = 0; attempt < 20; attempt++)
        {
            string code = RoomCode.New();
            if (!rooms.ContainsKey(code) && !reserved.Contains(code))
            {
                return code;
            }
        }
        throw new SessionLimitException("No free room code was found; try again.");
    }
}
