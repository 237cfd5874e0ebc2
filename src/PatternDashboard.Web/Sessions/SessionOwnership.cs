namespace PatternDashboard.Web.Sessions;

/// <summary>Thrown when someone who is not a private run's owner tries to change or close it. The message is for people.</summary>
public sealed class ReadOnlySessionException(string message) : Exception(message);

/// <summary>
/// Who may change a private run: only its owner (the browser or hub connection that created it). A session id travels
/// in links, so knowing it gives a read-only view, never control. Rooms' sessions follow the instructor rule instead.
/// </summary>
public static class SessionOwnership
{
    public static bool IsRoomSession(ISimulationSession session) =>
        session.OwnerId.StartsWith(SessionManager.RoomOwnerPrefix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="ownerId"/> may not change this private run (someone else made it).</summary>
    public static bool IsSomeoneElsesRun(ISimulationSession session, string ownerId) =>
        !IsRoomSession(session) && !string.Equals(session.OwnerId, ownerId, StringComparison.Ordinal);

    /// <summary>Throws <see cref="ReadOnlySessionException"/> when <paramref name="ownerId"/> does not own this private run.</summary>
    public static void CheckOwner(ISimulationSession session, string ownerId)
    {
        if (IsSomeoneElsesRun(session, ownerId))
        {
            throw ReadOnly(session.Id);
        }
    }

    public static ReadOnlySessionException ReadOnly(string sessionId) => new(
        $"Session {sessionId} is someone else's private run, so you have a read-only view: you may watch it (snapshots, events, " +
        "faults listed, its recording) but not change or close it. Start your own with CreateSession, or copy this one with " +
        "ExportRecording and ImportRecording.");
}
