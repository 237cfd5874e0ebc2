using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

/// <summary>Whether a session's clock is moving.</summary>
public enum SessionStatus
{
    Paused,
    Running,
    FastForwarding,
}

/// <summary>Progress of a fast-forward: where it is going and how far it got (0 to 1).</summary>
public sealed record FastForwardProgress(double TargetTime, double Fraction);

/// <summary>What a viewer receives: the simulation snapshot plus the session's own state.</summary>
/// <param name="Generation">How many times the session was reset; the event log's sequence numbers start again at 1 with each.</param>
public sealed record SessionState(
    string SessionId,
    SimulationSnapshot Snapshot,
    SessionStatus Status,
    double Speed,
    FastForwardProgress? FastForward,
    long LastEventSequence,
    int Generation = 0)
{
    /// <summary>
    /// Wall-clock time of the publish that produced this state, so viewers can measure how late they see it.
    /// Web-layer only: the simulation never reads the wall clock.
    /// </summary>
    public DateTimeOffset PublishedAt { get; init; }
}

/// <summary>A control action on a session's clock.</summary>
public enum ControlAction
{
    Play,
    Pause,
    Step,
    Speed,
    Reset,
}

/// <summary>One simulation, paced against the wall clock and watched by any number of viewers.</summary>
public interface ISimulationSession
{
    string Id { get; }

    /// <summary>Who created it: a browser id, or "hub:" and a connection id.</summary>
    string OwnerId { get; }

    PatternDescriptor Pattern { get; }

    /// <summary>True once the session was closed (by its owner or for being idle); every call then fails.</summary>
    bool IsClosed { get; }

    /// <summary>The latest published state.</summary>
    SessionState Current { get; }

    IReadOnlyList<FaultDefinition> FaultCatalog { get; }

    /// <summary>
    /// The current state, then every later state at a bounded rate (bursts merge; a slow reader skips to the
    /// newest). Ends when the token is cancelled or the session closes.
    /// </summary>
    IAsyncEnumerable<SessionState> WatchAsync(CancellationToken cancellationToken);

    /// <summary>Number of viewers currently watching.</summary>
    int ViewerCount { get; }

    /// <summary>Injects a fault; bad input throws <see cref="SimulationInputException"/> and changes nothing.</summary>
    Task<ActiveFault?> InjectFaultAsync(FaultRequest request);

    Task ClearFaultAsync(string activeFaultId);

    /// <summary>Play, pause, step one event, set speed (0.01 to 100), or reset (optionally with a new seed).</summary>
    Task ControlAsync(ControlAction action, double? value = null);

    /// <summary>Runs the simulation ahead by <paramref name="simulatedTime"/> as fast as it can, reporting progress.</summary>
    Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence above <paramref name="afterSequence"/> still held in the bounded log, oldest first.</summary>
    Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = 1000);

    Task<Recording> ExportRecordingAsync();
}
