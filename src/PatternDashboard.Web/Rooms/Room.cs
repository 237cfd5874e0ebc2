using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// A shared session that many viewers follow and only holders of the instructor key control. The key itself is not
/// kept: only its hash. Never log or show anything of the key; <see cref="ToString"/> leaves it out.
/// </summary>
public sealed partial class Room
{
    private readonly byte[] instructorKeyHash;
    private readonly HashSet<string> controllers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long lastWatchedTicks;

    public Room(string code, ISimulationSession session, string creatorId, string instructorKey, DateTimeOffset createdAt)
    {
        Code = code;
        Session = session;
        CreatorId = creatorId;
        CreatedAt = createdAt;
        instructorKeyHash = InstructorKey.Hash(instructorKey);
        lastWatchedTicks = createdAt.UtcTicks;
    }

    public string Code { get; }

    public ISimulationSession Session { get; }

    /// <summary>The browser id or hub owner id that created the room, for the per-creator limit.</summary>
    public string CreatorId { get; }

    public DateTimeOffset CreatedAt { get; }

    public int ViewerCount => Session.ViewerCount;

    /// <summary>The last time the room had a viewer, a join, a claim or a control input.</summary>
    public DateTimeOffset LastWatched => new(Interlocked.Read(ref lastWatchedTicks), TimeSpan.Zero);

    public bool IsInstructorKey(string? presented) => InstructorKey.Matches(presented, instructorKeyHash);

    /// <summary>True when <paramref name="controllerId"/> (a hub owner id) created or claimed this room.</summary>
    public bool HasControl(string controllerId)
    {
        lock (gate)
        {
            return controllers.Contains(controllerId);
        }
    }

    internal int ControllerCount
    {
        get
        {
            lock (gate)
            {
                return controllers.Count;
            }
        }
    }

    /// <summary>Gives control to a controller; false when the room already has <paramref name="max"/> of them.</summary>
    internal bool Grant(string controllerId, int max)
    {
        lock (gate)
        {
            return controllers.Contains(controllerId) || controllers.Count < max && controllers.Add(controllerId);
        }
    }

    internal void Revoke(string controllerId)
    {
        lock (gate)
        {
            controllers.Remove(controllerId);
        }
    }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref lastWatchedTicks, now.UtcTicks);

    public override string ToString() => $"room {Code} ({Session.Pattern.Id}, session {Session.Id})";
}
