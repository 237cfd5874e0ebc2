using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// A room's session as a viewer without the instructor key gets it: everything to watch, and every method that would
/// change the simulation refused with <see cref="RoomControlException"/>. Pages hand this to their components, so a
/// control that slips through the markup still changes nothing.
/// </summary>
public sealed class WatchOnlySession(ISimulationSession inner, string roomCode) : ISimulationSession
{
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

    public LessonProgress? Lesson => inner.Lesson;

    public Task<ActiveFault?> InjectFaultAsync(FaultRequest request) => throw RoomControlException.WatchOnly(roomCode);

    public Task ClearFaultAsync(string activeFaultId) => throw RoomControlException.WatchOnly(roomCode);

    public Task ControlAsync(ControlAction action, double? value = null) => throw RoomControlException.WatchOnly(roomCode);

    public Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        throw RoomControlException.WatchOnly(roomCode);

    public Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        throw RoomControlException.WatchOnly(roomCode);

    public Task StartLessonAsync(Lesson lesson) => throw RoomControlException.WatchOnly(roomCode);

    public Task GoToLessonStepAsync(int stepIndex) => throw RoomControlException.WatchOnly(roomCode);

    public Task EndLessonAsync() => throw RoomControlException.WatchOnly(roomCode);
}
