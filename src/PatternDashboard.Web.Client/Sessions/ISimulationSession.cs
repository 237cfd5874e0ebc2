using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Kernel.Sequence;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Hubs;

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

/// <summary>Where a session is on its timeline, for the scrubber (see <see cref="ISimulationSession.TravelToAsync"/>).</summary>
/// <param name="Reach">The furthest simulated time a jump can go to.</param>
/// <param name="Previewing">
/// True right after a jump until anything happens: a jump can then still go forward, up to where the run had got.
/// Going on from here (play, step, a fault) makes the jump's state a new branch and drops the inputs after it.
/// </param>
/// <param name="JumpedTo">Where this run's last jump landed (its branch point once it goes on); null if it never jumped.</param>
/// <param name="JumpedFrom">How far the run had got when it jumped back.</param>
/// <param name="Replaying">A jump's replay progress while it runs.</param>
public sealed record TimelineInfo(double Reach, bool Previewing, double? JumpedTo, double? JumpedFrom, FastForwardProgress? Replaying)
{
    /// <summary>Goes up with every change to the run's bookmarks, so a viewer knows when to read them again.</summary>
    public int BookmarksVersion { get; init; }
}

/// <summary>A named moment of a run, shown beside the time scrubber; <see cref="Time"/> in simulated seconds.</summary>
public sealed record Bookmark(string Id, double Time, string Name);

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

    /// <summary>
    /// "Show me the damage": turns a break-it switch on and gives its demonstration step by step in simulated time
    /// (see <see cref="SimulationBase.ShowDamage"/>). An unknown switch throws <see cref="SimulationInputException"/>.
    /// </summary>
    Task ShowDamageAsync(string switchId);

    /// <summary>Play, pause, step one event, set speed (0.01 to 100), or reset (optionally with a new seed).</summary>
    Task ControlAsync(ControlAction action, double? value = null);

    /// <summary>Runs the simulation ahead by <paramref name="simulatedTime"/> as fast as it can, reporting progress.</summary>
    Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence above <paramref name="afterSequence"/> still held in the bounded log, oldest first.</summary>
    Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = 1000);

    Task<Recording> ExportRecordingAsync();

    /// <summary>Where the session is on its timeline: how far back or forward a jump can go, and its last jump.</summary>
    TimelineInfo Timeline { get; }

    /// <summary>
    /// Jumps to <paramref name="simulatedTime"/>: replays the run's recording (same seed, options and the inputs up to that
    /// time) into a fresh simulation and shows it, paused. The state equals a fresh run stopped there. Jumping again at
    /// once may go forward up to where the run had got; going on instead continues from here as a new branch, whose
    /// recording holds the inputs up to the jump. Bounded by MaxReplayMinutes and MaxReplayEvents; a pause stops it.
    /// </summary>
    Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default);

    /// <summary>
    /// The message-sequence diagram of a window of the run, live or past, rebuilt from the recording (see
    /// <see cref="SequenceDiagramBuilder"/>). A window past where the run has got ends there; a bad window or filter
    /// throws <see cref="SimulationInputException"/>.
    /// </summary>
    Task<SequenceDiagram> GetSequenceDiagramAsync(double fromSeconds, double toSeconds, SequenceFilter? filter = null, CancellationToken cancellationToken = default) =>
        throw new SimulationInputException("This session cannot draw a message-sequence diagram.");

    /// <summary>Named moments of the run, in time order; the same for every viewer. A branch drops those after its start.</summary>
    IReadOnlyList<Bookmark> Bookmarks => [];

    /// <summary>
    /// Names the moment <paramref name="atSeconds"/> (now, when null) of the run, which must have been reached. A bad
    /// name or time, or a full list, throws <see cref="SimulationInputException"/>.
    /// </summary>
    Task<Bookmark> AddBookmarkAsync(string? name, double? atSeconds = null) =>
        throw new SimulationInputException("This session keeps no bookmarks.");

    Task RemoveBookmarkAsync(string bookmarkId) => throw new SimulationInputException("This session keeps no bookmarks.");

    /// <summary>The side-by-side comparison this session is a side of, or null; the same for every viewer.</summary>
    ComparisonInfo? Comparison => null;

    /// <summary>The lesson this session walks through and its step, or null; the same for every viewer.</summary>
    LessonProgress? Lesson { get; }

    /// <summary>Starts a lesson of this pattern on a fresh run (its seed and options, time 0) and enters its first step.</summary>
    Task StartLessonAsync(Lesson lesson);

    /// <summary>Shows step <paramref name="stepIndex"/> (from 0); a step's action runs the first time the step is entered.</summary>
    Task GoToLessonStepAsync(int stepIndex);

    /// <summary>Leaves the lesson; the run goes on as it is.</summary>
    Task EndLessonAsync();

    /// <summary>On a prediction step of the lesson: runs the step's action, which shows what happens.</summary>
    Task RevealLessonStepAsync();
}
