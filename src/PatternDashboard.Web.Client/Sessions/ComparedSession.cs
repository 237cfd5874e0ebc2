using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Kernel.Sequence;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// A compared run as the page's controls see it: it reads as the run without the difference (or, aimed at the other
/// side, as the run with it), and every change goes through the comparison, so the toolbar, the time scrubber and the
/// fault buttons drive both runs on their one clock and faults reach both, or the side they are aimed at.
/// </summary>
public sealed class ComparedSession(ISimulationSession without, ISimulationSession with, ISessionComparison comparison, ComparisonSide aim = ComparisonSide.Both)
    : ISimulationSession
{
    private ISimulationSession Shown => aim == ComparisonSide.With ? with : without;

    public ISessionComparison Comparison => comparison;

    public ComparisonSide Aim => aim;

    /// <summary>The same pair with faults aimed at <paramref name="side"/>.</summary>
    public ComparedSession AimedAt(ComparisonSide side) => side == aim ? this : new(without, with, comparison, side);

    public string Id => Shown.Id;

    public string OwnerId => Shown.OwnerId;

    public PatternDescriptor Pattern => without.Pattern;

    public bool IsClosed => without.IsClosed || with.IsClosed;

    public SessionState Current => Shown.Current;

    public IReadOnlyList<FaultDefinition> FaultCatalog => Shown.FaultCatalog;

    public int ViewerCount => Shown.ViewerCount;

    public TimelineInfo Timeline => without.Timeline;

    ComparisonInfo? ISimulationSession.Comparison => without.Comparison;

    public IReadOnlyList<Bookmark> Bookmarks => without.Bookmarks;

    public LessonProgress? Lesson => without.Lesson;

    public IAsyncEnumerable<SessionState> WatchAsync(CancellationToken cancellationToken) => Shown.WatchAsync(cancellationToken);

    public async Task<ActiveFault?> InjectFaultAsync(FaultRequest request)
    {
        var given = await comparison.InjectFaultAsync(request, aim);
        return aim == ComparisonSide.With ? given.With : given.Without;
    }

    public Task ClearFaultAsync(string activeFaultId) =>
        comparison.ClearFaultAsync(aim == ComparisonSide.With ? ComparisonSide.With : ComparisonSide.Without, activeFaultId);

    public Task ShowDamageAsync(string switchId) => comparison.ShowDamageAsync(switchId, aim);

    public Task ControlAsync(ControlAction action, double? value = null) => comparison.ControlAsync(action, value);

    public async Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        await comparison.RunForAsync(simulatedTime, cancellationToken);
        return Shown.Current;
    }

    public async Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        await comparison.TravelToAsync(simulatedTime, cancellationToken);
        return Shown.Current;
    }

    public Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = 1000) => without.GetEventsAsync(afterSequence, max);

    public Task<Recording> ExportRecordingAsync() => without.ExportRecordingAsync();

    public Task<SequenceDiagram> GetSequenceDiagramAsync(double fromSeconds, double toSeconds, SequenceFilter? filter = null, CancellationToken cancellationToken = default) =>
        without.GetSequenceDiagramAsync(fromSeconds, toSeconds, filter, cancellationToken);

    public Task<Bookmark> AddBookmarkAsync(string? name, double? atSeconds = null) => without.AddBookmarkAsync(name, atSeconds);

    public Task RemoveBookmarkAsync(string bookmarkId) => without.RemoveBookmarkAsync(bookmarkId);

    /// <summary>A lesson starts a fresh run of its own, so the comparison ends first.</summary>
    public async Task StartLessonAsync(Lesson lesson)
    {
        await comparison.EndAsync();
        await without.StartLessonAsync(lesson);
    }

    public Task GoToLessonStepAsync(int stepIndex) => without.GoToLessonStepAsync(stepIndex);

    public Task EndLessonAsync() => without.EndLessonAsync();

    public Task RevealLessonStepAsync() => without.RevealLessonStepAsync();
}
