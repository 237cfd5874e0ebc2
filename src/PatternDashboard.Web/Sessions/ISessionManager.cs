using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

/// <summary>Owns every live session, enforces the limits and evicts idle sessions.</summary>
public interface ISessionManager
{
    /// <summary>Creates and starts (paused) a session owned by <paramref name="ownerId"/> (a browser or a hub connection).</summary>
    ISimulationSession Create(string ownerId, string patternId, CreateSessionRequest request);

    /// <summary>Rebuilds a session from a recording; a malformed one throws <see cref="SimulationInputException"/>.</summary>
    ISimulationSession Import(string ownerId, Recording recording);

    /// <summary>The session, or a <see cref="SimulationInputException"/> naming the unknown id.</summary>
    ISimulationSession Get(string sessionId);

    /// <summary>
    /// A new paused session for <paramref name="ownerId"/> holding <paramref name="source"/>'s state as last published:
    /// its recording replayed up to that simulated time. The copy then runs on its own.
    /// </summary>
    Task<ISimulationSession> ForkAsync(string ownerId, ISimulationSession source, CancellationToken cancellationToken = default);

    ISimulationSession? Find(string sessionId);

    /// <summary>The open sessions of one owner, oldest first (so a page can offer to reopen one).</summary>
    IReadOnlyList<ISimulationSession> ListByOwner(string ownerId);

    void Close(string sessionId);

    int Count { get; }
}
