using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Components.Classroom;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>Where a pattern page is with its session.</summary>
public enum PageSessionStatus
{
    Starting,
    Ready,

    /// <summary>The server refused a new session (a limit); <see cref="PatternPageBase.Problem"/> says why.</summary>
    Refused,

    /// <summary>The session closed while watched (idle eviction, closed elsewhere).</summary>
    Ended,

    /// <summary>The room in the address does not exist (a typo, or it expired); <see cref="PatternPageBase.Problem"/> says so.</summary>
    RoomNotFound,
}

/// <summary>
/// The session lifecycle every pattern page shares: create a session (running at 1x unless <c>?paused=1</c>), or reuse
/// the one named by <c>?session=</c> so a reload keeps the run as it is; watch it (snapshot, then the stream); fetch new
/// events; answer the Space, S and B shortcuts; stop watching on dispose. The session is not closed on dispose: idle
/// eviction does that, so a reload resumes. A pattern's page inherits this, names its pattern and node presenter, and
/// fills the slots of <see cref="PatternPage"/>, which holds the layout.
/// </summary>
public abstract partial class PatternPageBase : ComponentBase, IAsyncDisposable
{
    private CancellationTokenSource? watching;
    private Task watchTask = Task.CompletedTask;
    private DotNetObjectReference<PatternPageBase>? selfReference;
    private IJSObjectReference? shortcuts;
    private bool rendered;
    private string? addressSessionId;
    private SimulationSnapshot? detailsOf;
    private object? details;

    [Inject] public required IPageBackend Backend { get; init; }

    [Inject] public required PatternRegistry Registry { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>The session to reuse, from the address (<c>?session=ID</c>).</summary>
    [SupplyParameterFromQuery(Name = "session")] public string? SessionId { get; set; }

    /// <summary>From the address: <c>?paused=1</c> opens a new run paused instead of running.</summary>
    [SupplyParameterFromQuery(Name = "paused")] public string? PausedParameter { get; set; }

    /// <summary>The pattern this page shows.</summary>
    public abstract PatternDescriptor Pattern { get; }

    /// <summary>How the pattern's nodes look in the live view.</summary>
    public abstract INodePresenter Presenter { get; }

    /// <summary>The pattern this page shows, by id.</summary>
    protected string PatternId => Pattern.Id;

    /// <summary>True when the address asks for a new run to open paused.</summary>
    public bool OpensPaused => PausedParameter is "1" or "true";

    public ISimulationSession? Session { get; private set; }

    public SessionState? State { get; private set; }

    public PageSessionStatus Status { get; private set; } = PageSessionStatus.Starting;

    /// <summary>Why there is no session (refused), in words for the person.</summary>
    public string? Problem { get; private set; }

    /// <summary>Something the person should know, such as "that run has ended; this is a new one".</summary>
    public string? Notice { get; set; }

    /// <summary>The last command error (from a shortcut), shown by the page.</summary>
    public string? CommandError { get; set; }

    /// <summary>
    /// False while this page watches a room it does not control (a student's view). Every pattern page and shared
    /// component must then render no control (no fault, time, option or lesson buttons) and pass this flag on to the
    /// components it uses. It is not the only guard: <see cref="Session"/> is then a watch-only view that refuses changes.
    /// True for a private run and for the room's instructor.
    /// </summary>
    public bool CanControl { get; private set; } = true;

    /// <summary>The pattern's details in the latest state as its own type (read once per state), or null.</summary>
    protected T? DetailsAs<T>() where T : class
    {
        if (State?.Snapshot is not { } snapshot)
        {
            return null;
        }
        if (!ReferenceEquals(detailsOf, snapshot))
        {
            (detailsOf, details) = (snapshot, HubSnapshots.DetailsAs<T>(snapshot.Details));
        }
        return details as T;
    }

    /// <summary>Events fetched so far, bounded; filled only while the event log is shown.</summary>
    public EventBuffer Events { get; } = new();

    // Fetching the new events with every update was a hub call and a batch of JSON to read, ten times a second, for a
    // tab most viewers never open. The buffer holds as many events as the server's log, so catching up when the tab
    // opens gives the same list as following all along.
    private bool eventLogShown;

    /// <summary>Called when the event log tab opens or closes; on opening, the events catch up at once, paused or not.</summary>
    public async Task ShowEventLogAsync(bool shown)
    {
        eventLogShown = shown;
        if (shown && Session is { } session && State is { } state)
        {
            if (await SafeRun.TryAsync(() => Events.CatchUpAsync(session, state)) is { } problem)
            {
                CommandError = $"Could not read the event log: {problem}";
            }
            StateHasChanged();
        }
    }

    /// <summary>This browser's other open sessions, offered when a limit refused a new one.</summary>
    public IReadOnlyList<RunSummary> OtherRuns { get; private set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return; // the prerender must not create a session that nobody will watch
        }
        if (SideSession is { } side)
        {
            if (watched != side)
            {
                await StopWatchingAsync();
                CanControl = false;
                Watch(side);
            }
            return;
        }
        if (Session is null && Status == PageSessionStatus.Starting || SessionId is not null && SessionId != Session?.Id || RoomChanged)
        {
            await AttachAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && !IsSide)
        {
            rendered = true;
            UpdateAddress();
            await SettleRoomAsync();
            selfReference = DotNetObjectReference.Create(this);
            // Without shortcuts every control still works by button, so a failure here needs no message.
            _ = await SafeRun.TryAsync(async () =>
                shortcuts = await JS.InvokeAsync<IJSObjectReference>("patternDashboard.registerShortcuts", selfReference));
        }
    }

    /// <summary>Called from the page's keydown listener: "toggle" (Space), "step" (S) or "bookmark" (B).</summary>
    [JSInvokable]
    public async Task OnShortcut(string action)
    {
        if (Session is not { } session || State is not { } state || !CanControl)
        {
            return;
        }
        CommandError = await SafeRun.TryAsync(() => action switch
        {
            "toggle" => session.ControlAsync(state.Status == SessionStatus.Running ? ControlAction.Pause : ControlAction.Play),
            "step" => session.ControlAsync(ControlAction.Step),
            "bookmark" => session.AddBookmarkAsync(BookmarkList.NameFor(state.Snapshot.SimulatedTime), state.Snapshot.SimulatedTime),
            _ => Task.CompletedTask,
        });
        StateHasChanged();
    }

    /// <summary>Tries again after a refusal, or starts a fresh run after the session ended.</summary>
    public Task StartNewRunAsync() => AttachAsync(forceNew: true);

    /// <summary>Watches one of this browser's other runs instead of starting a new one.</summary>
    public void Reopen(RunSummary run) => Navigation.NavigateTo(DashboardUrls.Session(run.PatternId, run.SessionId));

    /// <summary>Closes one of this browser's other runs to make room, then starts a new one.</summary>
    public async Task CloseAndStartAsync(RunSummary other)
    {
        CommandError = await SafeRun.TryAsync(() => Backend.CloseRunAsync(other.SessionId));
        await StartNewRunAsync();
    }

    private async Task AttachAsync(bool forceNew = false)
    {
        await StopWatchingAsync();
        Problem = null;
        if (!forceNew && RoomCode is not null)
        {
            await AttachRoomAsync();
            return;
        }
        LeaveRoom();
        var existing = forceNew || SessionId is null ? null : await Backend.OpenRunAsync(SessionId);
        if (existing is not null && existing.Session.Pattern.Id == PatternId)
        {
            WatchExisting(existing);
            return;
        }
        if (SessionId is not null && !forceNew)
        {
            Notice = "The run in the address has ended (idle runs close after a while), so this is a new one.";
        }
        try
        {
            var created = await Backend.CreateRunAsync(PatternId);
            Watch(created);
            await OpenLiveAsync(created);
            // Render the run before the address changes: a component the run's first render adds (the room toolbar reads
            // the query) must not be added while the router tells the query's readers of the change, or the router throws.
            StateHasChanged();
            addressSessionId = created.Id;
            UpdateAddress();
        }
        catch (Exception e) when (e is SessionLimitException or SimulationInputException)
        {
            Status = PageSessionStatus.Refused;
            Problem = e.Message;
            OtherRuns = await Backend.ListMyRunsAsync();
        }
    }

    /// <summary>A new run opens playing at its normal speed, so a newcomer sees the pattern work; <c>?paused=1</c> keeps it still.</summary>
    private async Task OpenLiveAsync(ISimulationSession created)
    {
        if (!OpensPaused)
        {
            CommandError = await SafeRun.TryAsync(() => created.ControlAsync(ControlAction.Play));
        }
    }

    /// <summary>Sends a clock command (play, pause, step, speed) from the toolbar; a refusal shows as <see cref="CommandError"/>.</summary>
    public async Task ControlAsync(PlaybackCommand command)
    {
        if (Session is { } session && CanControl)
        {
            CommandError = await SafeRun.TryAsync(() => session.ControlAsync(command.Action, command.Value));
        }
    }

    /// <summary>
    /// Puts a new session in the address so a reload resumes it. Before the first render completes the router does not
    /// intercept navigation yet, and the browser would fetch the page again, so the update waits for that render.
    /// </summary>
    private void UpdateAddress()
    {
        if (rendered && addressSessionId is { } id)
        {
            addressSessionId = null;
            // A new private run replaces a room that was in the address; once it exists, "paused" has done its work.
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["session"] = id, ["room"] = null, ["paused"] = null }), replace: true);
        }
    }

    private void Watch(ISimulationSession session)
    {
        Comparison = null;
        watched = session;
        Session = session;
        State = session.Current;
        Status = PageSessionStatus.Ready;
        Events.Clear();
        watching = new CancellationTokenSource();
        watchTask = WatchLoopAsync(session, watching.Token);
    }

    private async Task WatchLoopAsync(ISimulationSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var state in session.WatchAsync(cancellationToken))
            {
                if (eventLogShown)
                {
                    await Events.CatchUpAsync(session, state);
                }
                await FollowComparisonAsync(session);
                State = state;
                await InvokeAsync(StateHasChanged);
                if (IsSide && state.Status != SessionStatus.Running)
                {
                    await InvokeAsync(() => SideSettled.InvokeAsync());
                }
            }
            if (!cancellationToken.IsCancellationRequested)
            {
                Status = PageSessionStatus.Ended;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (SimulationInputException) when (session.IsClosed)
        {
            Status = PageSessionStatus.Ended;
            await InvokeAsync(StateHasChanged);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private async Task StopWatchingAsync()
    {
        if (watching is null)
        {
            return;
        }
        await watching.CancelAsync();
        await watchTask;
        watching.Dispose();
        watching = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopWatchingAsync();
        if (shortcuts is not null)
        {
            // The circuit may already be gone; the listener then went with the page.
            await SafeRun.TryAsync(async () =>
            {
                await shortcuts.InvokeVoidAsync("dispose");
                await shortcuts.DisposeAsync();
            });
        }
        selfReference?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A clock command from the toolbar: play, pause, step, or speed with its value.</summary>
public sealed record PlaybackCommand(ControlAction Action, double? Value = null);
