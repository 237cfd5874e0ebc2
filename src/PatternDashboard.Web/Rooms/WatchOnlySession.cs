using PatternDashboard.Web.Hubs;
using PatternDashboard.Simulation.Kernel.Sequence;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// A session as a viewer without control gets it (a room's student, or someone holding a link to another's private
/// run): everything to watch, and every method that would change the simulation refused with the exception
/// <paramref name="refusal"/> makes. Pages hand this to their components, so a control that slips through the markup
/// still changes nothing.
/// </summary>
public sealed class WatchOnlySession(ISimulationSession inner, Func<Exception> refusal) : ISimulationSession
{
    /// <summary>A room's session for a viewer without the instructor key.</summary>
    public WatchOnlySession(ISimulationSession inner, string roomCode)
        : this(inner, () => RoomControlException.WatchOnly(roomCode))
    {
    }

    /// <summary>Another owner's private run, for someone who only has its id.</summary>
    public static WatchOnlySession OfPrivateRun(ISimulationSession inner) => new(inner, () => SessionOwnership.ReadOnly(inner.Id));

    public string Id => inner.Id;

    public string OwnerId => inner.OwnerId;

    public PatternDescriptor Pattern => inner.Pattern;

    public bool IsClosed => inner.IsClosed;

    public SessionState Current => inner.Current;

    public IReadOnlyList<FaultDefinition> FaultCatalog => inner.FaultCatalog;

    public int ViewerCount => inner.ViewerCount;

    public IAsyncEnumerable<SessionState> WatchAsync(CancellationToken cancellationToken) => inner.WatchAsync(cancellationToken);

    public Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = 1000) => inner.GetEventsAsync(afterSequence, max);

    public Task<Recording> ExportRecordingAsync() => inner.ExportRecordingAsync();

    public TimelineInfo Timeline => inner.Timeline;

    public ComparisonInfo? Comparison => inner.Comparison;

    public LessonProgress? Lesson => inner.Lesson;

    public Task<SequenceDiagram> GetSequenceDiagramAsync(double fromSeconds, double toSeconds, SequenceFilter? filter = null, CancellationToken cancellationToken = default) =>
        inner.GetSequenceDiagramAsync(fromSeconds, toSeconds, filter, cancellationToken);

    public IReadOnlyList<Bookmark> Bookmarks => inner.Bookmarks;

    public Task<Bookmark> AddBookmarkAsync(string? name, double? atSeconds = null) => throw refusal();

    public Task RemoveBookmarkAsync(string bookmarkId) => throw refusal();

    public Task<ActiveFault?> InjectFaultAsync(FaultRequest request) => throw refusal();

    public Task ClearFaultAsync(string activeFaultId) => throw refusal();

    public Task ShowDamageAsync(string switchId) => throw refusal();

    public Task ControlAsync(ControlAction action, double? value = null) => throw refusal();

    public Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        throw refusal();

    public Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        throw refusal();

    public Task StartLessonAsync(Lesson lesson) => throw refusal();

    public Task GoToLessonStepAsync(int stepIndex) => throw refusal();

    public Task EndLessonAsync() => throw refusal();

    public Task RevealLessonStepAsync() => throw refusal();
}
