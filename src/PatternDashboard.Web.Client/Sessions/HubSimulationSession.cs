using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Kernel.Sequence;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// A session on the server as a page in the browser sees it: every read and every change is a call of the public hub
/// (docs/hub-api.md), the same a script makes. Refusals arrive as <see cref="SimulationInputException"/> with the hub's
/// words. Watch-only viewers get the same object; the hub refuses their changes, and the pages do not offer them.
/// </summary>
public sealed class HubSimulationSession : ISimulationSession
{
    private readonly HubConnection hub;
    private readonly HubSnapshots snapshots = new();
    private readonly IReadOnlyList<Lesson> lessons;
    private SnapshotInfo info;
    private SessionState current;
    private int faultsGeneration;
    private IReadOnlyList<Bookmark> bookmarks = [];
    private int bookmarksVersion = -1;

    private HubSimulationSession(HubConnection hub, PatternDescriptor pattern, SnapshotInfo first, IReadOnlyList<FaultInfo> faults, IReadOnlyList<Lesson> lessons)
    {
        this.hub = hub;
        this.lessons = lessons;
        Pattern = pattern;
        SetFaults(faults);
        faultsGeneration = first.Generation;
        info = first;
        current = snapshots.ToState(first);
    }

    /// <summary>Opens session <paramref name="sessionId"/>: its snapshot, faults, chart history and the pattern's lessons.</summary>
    public static async Task<HubSimulationSession> OpenAsync(HubConnection hub, PatternRegistry patterns, string sessionId)
    {
        var first = await HubCalls.Run(() => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId));
        var pattern = patterns.Get(first.PatternId);
        var faults = await HubCalls.Run(() => hub.InvokeAsync<IReadOnlyList<FaultInfo>>("ListFaults", sessionId));
        var lessons = await HubCalls.Run(() => hub.InvokeAsync<IReadOnlyList<Lesson>>("ListLessons", pattern.Id));
        var session = new HubSimulationSession(hub, pattern, first, faults, lessons);
        await session.CatchUpHistoryAsync(first);
        await session.CatchUpBookmarksAsync(first);
        session.Accept(first);
        return session;
    }

    public string Id => info.SessionId;

    /// <summary>Not sent by the hub: only whether this viewer may change the session is (see <see cref="IPageBackend"/>).</summary>
    public string OwnerId => "";

    public PatternDescriptor Pattern { get; }

    public bool IsClosed { get; private set; }

    public SessionState Current => current;

    public IReadOnlyList<FaultDefinition> FaultCatalog { get; private set; } = [];

    public int ViewerCount => info.Viewers;

    public TimelineInfo Timeline => info.Timeline ?? new TimelineInfo(info.SimulatedTime, false, null, null, null);

    public LessonProgress? Lesson => info.Lesson is { } lesson && lessons.FirstOrDefault(l => l.Id == lesson.LessonId) is { } found
        ? new LessonProgress(found, lesson.StepIndex, lesson.ActedUpTo, new LessonBaseline(0, default), lesson.Reached, lesson.Acting, lesson.ActionProblem, lesson.Revealed)
        : null;

    public IReadOnlyList<Bookmark> Bookmarks => bookmarks;

    public ComparisonInfo? Comparison => info.Comparison;

    public async Task<Bookmark> AddBookmarkAsync(string? name, double? atSeconds = null)
    {
        var added = await HubCalls.Run(() => hub.InvokeAsync<Bookmark>("AddBookmark", Id, new BookmarkInput(name, atSeconds)));
        await RefreshBookmarksAsync();
        return added;
    }

    public async Task RemoveBookmarkAsync(string bookmarkId)
    {
        await HubCalls.Run(() => hub.InvokeAsync("RemoveBookmark", Id, bookmarkId));
        await RefreshBookmarksAsync();
    }

    /// <summary>
    /// The current state, then each newest one once the caller has dealt with the one before (it asks for the next):
    /// a page that draws slowly gets fewer states, the newest, rather than a queue of old ones to read first.
    /// </summary>
    public async IAsyncEnumerable<SessionState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var states = Channel.CreateBounded<SessionState>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var asks = new ReadyAsks();
        var pump = PumpAsync(states.Writer, asks, cancellationToken);
        yield return current;
        await foreach (var state in states.Reader.ReadAllAsync(cancellationToken))
        {
            yield return state;
            asks.Ask();
        }
        await pump;
    }

    public async Task<ActiveFault?> InjectFaultAsync(FaultRequest request)
    {
        var injected = await HubCalls.Run(() => hub.InvokeAsync<FaultInjected>("InjectFault", Id,
            new FaultInput { FaultId = request.FaultId, Target = request.Target, Value = request.Value }));
        return injected.Fault;
    }

    public Task ClearFaultAsync(string activeFaultId) => HubCalls.Run(() => hub.InvokeAsync("ClearFault", Id, activeFaultId));

    public Task ShowDamageAsync(string switchId) => HubCalls.Run(() => hub.InvokeAsync("ShowDamage", Id, switchId));

    public async Task ControlAsync(ControlAction action, double? value = null) =>
        Accept(await HubCalls.Run(() => hub.InvokeAsync<SnapshotInfo>("Control", Id, new ControlInput { Action = action.ToString().ToLowerInvariant(), Value = value })));

    public async Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        Accept(await HubCalls.Run(() => hub.InvokeAsync<SnapshotInfo>("RunFor", Id, simulatedTime.TotalSeconds, cancellationToken)));

    public async Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = 1000)
    {
        var events = await HubCalls.Run(() => hub.InvokeAsync<IReadOnlyList<EventInfo>>("GetEvents", Id, afterSequence, Math.Clamp(max, 1, HubCalls.MaxEventsPerCall)));
        return [.. events.Select(e => new SimulationEvent(e.Sequence, TimeSpan.FromSeconds(e.Time), e.Node, e.Kind, e.Text))];
    }

    public Task<Recording> ExportRecordingAsync() => HubCalls.Run(() => hub.InvokeAsync<Recording>("ExportRecording", Id));

    public async Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        Accept(await HubCalls.Run(() => hub.InvokeAsync<SnapshotInfo>("TravelTo", Id, simulatedTime.TotalSeconds, cancellationToken)));

    public Task<SequenceDiagram> GetSequenceDiagramAsync(double fromSeconds, double toSeconds, SequenceFilter? filter = null, CancellationToken cancellationToken = default) =>
        HubCalls.Run(() => hub.InvokeAsync<SequenceDiagram>("GetSequenceDiagram", Id, fromSeconds, toSeconds, filter, cancellationToken));

    public Task StartLessonAsync(Lesson lesson) => HubCalls.Run(() => hub.InvokeAsync("StartLesson", Id, lesson.Id));

    public Task GoToLessonStepAsync(int stepIndex) => HubCalls.Run(() => hub.InvokeAsync("GoToLessonStep", Id, stepIndex));

    public Task RevealLessonStepAsync() => HubCalls.Run(() => hub.InvokeAsync("RevealLessonStep", Id));

    public Task EndLessonAsync() => HubCalls.Run(() => hub.InvokeAsync("EndLesson", Id));

    /// <summary>Streams the session's snapshots into <paramref name="states"/>; after a dropped connection, streams again once it is back.</summary>
    private async Task PumpAsync(ChannelWriter<SessionState> states, ReadyAsks asks, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await foreach (var next in hub.StreamAsync<SnapshotInfo>("StreamSnapshotsWhenReady", Id, asks.Restart(cancellationToken), cancellationToken))
                    {
                        await CatchUpHistoryAsync(next);
                        await CatchUpBookmarksAsync(next);
                        states.TryWrite(Accept(next));
                    }
                    // The server ends the stream when the session closes.
                    IsClosed = true;
                    return;
                }
                catch (HubException)
                {
                    IsClosed = true;
                    return;
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested && hub.State != HubConnectionState.Connected)
                {
                    await HubCalls.WaitUntilConnectedAsync(hub, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            asks.End();
            states.TryComplete();
        }
    }

    /// <summary>After a reset or a jump the charts start again from the server's history, and the faults may differ.</summary>
    private async Task CatchUpHistoryAsync(SnapshotInfo next)
    {
        if (!snapshots.NeedsHistory(next))
        {
            return;
        }
        var history = await hub.InvokeAsync<IReadOnlyList<SeriesView>>("GetSeries", Id);
        if (next.Generation != faultsGeneration)
        {
            SetFaults(await hub.InvokeAsync<IReadOnlyList<FaultInfo>>("ListFaults", Id));
            faultsGeneration = next.Generation;
        }
        snapshots.SetHistory(next, history);
    }

    /// <summary>Bookmarks are read again only when the timeline says they changed (one small call, not one per update).</summary>
    private async Task CatchUpBookmarksAsync(SnapshotInfo next)
    {
        if (next.Timeline is { } timeline && timeline.BookmarksVersion != bookmarksVersion)
        {
            bookmarks = await hub.InvokeAsync<IReadOnlyList<Bookmark>>("ListBookmarks", Id);
            bookmarksVersion = timeline.BookmarksVersion;
        }
    }

    private async Task RefreshBookmarksAsync() => bookmarks = await HubCalls.Run(() => hub.InvokeAsync<IReadOnlyList<Bookmark>>("ListBookmarks", Id));

    private SessionState Accept(SnapshotInfo next)
    {
        info = next;
        return current = snapshots.ToState(next);
    }

    private void SetFaults(IReadOnlyList<FaultInfo> faults)
    {
        FaultCatalog = [.. faults.Select(f => new FaultDefinition(
            f.Id,
            f.Label,
            f.Description,
            f.Targets is null ? FaultTarget.None : FaultTarget.Node,
            f.Parameter is { } p ? new FaultParameter(p.Name, p.Min, p.Max, p.Unit, p.Default) : null,
            f.IsInstant,
            f.IsBreakIt)
        {
            Demonstration = f.Demonstration,
        })];
        snapshots.FaultTargets = faults.Where(f => f.Targets is not null).ToDictionary(f => f.Id, f => f.Targets!);
    }
}
