using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;

namespace PatternDashboard.Web.Hubs;

/// <summary>
/// The public door onto sessions, at <see cref="Path"/>, for scripts, notebooks and other tools. Method names
/// and shapes are stable and documented in docs/hub-api.md. A bad argument throws a
/// <see cref="SimulationInputException"/>, which <see cref="HubInputErrorFilter"/> turns into a
/// <see cref="HubException"/> carrying the same message; the session is left as it was.
/// </summary>
/// <remarks>
/// Sessions are found by id: anyone holding an id can watch a session, but only its owner (the connection that
/// created it) may change or close it. A connection may own <see cref="SessionLimits.MaxSessionsPerOwner"/> sessions;
/// they close when it disconnects or calls CloseSession. A room's session is the exception on both counts: only
/// connections that created or claimed the room may change it, and it outlives them.
/// </remarks>
public sealed partial class SimulationHub(ISessionManager sessions, PatternRegistry patterns, IRoomManager rooms, LessonLibrary lessons, ComparisonManager comparisons, ILogger<SimulationHub> logger) : Hub
{
    public const string Path = HubAddress.Path;

    /// <summary>Events sent per read of the log while streaming.</summary>
    private const int EventBatch = 500;

    /// <summary>
    /// The owner id of this connection's sessions: the browser's id when the connection carries the app's browser cookie
    /// (a pattern page in the browser), so a reload finds its runs again; otherwise the connection's own.
    /// </summary>
    private string OwnerId => BrowserOwner ?? ControllerId;

    /// <summary>Who holds room control: always this connection, so another tab of the same browser does not share or drop it.</summary>
    private string ControllerId => OwnerIdOf(Context.ConnectionId);

    private string? BrowserOwner =>
        Context.GetHttpContext()?.Request.Cookies[BrowserId.CookieName] is { } id && BrowserId.IsValid(id) ? id : null;

    public static string OwnerIdOf(string connectionId) => "hub:" + connectionId;

    public IReadOnlyList<PatternSummary> ListPatterns() =>
        [.. patterns.All.Select(p => new PatternSummary(p.Id, p.Title, p.Summary, p.Options))];

    public SessionCreated CreateSession(string patternId, CreateSessionOptions? options)
    {
        var request = new CreateSessionRequest(options?.Seed, options?.NodeCount, HubInput.Options(options?.Options));
        var session = sessions.Create(OwnerId, HubInput.Text(patternId, "pattern id")!, request);
        return new SessionCreated(session.Id, session.Pattern.Id, session.Current.Snapshot.Seed);
    }

    /// <summary>Closes a session this connection owns, which frees its place under the per-connection limit; a room's session only for its instructor, and the room goes with it.</summary>
    public void CloseSession(string sessionId)
    {
        var session = FoundSession(sessionId);
        if (rooms.FindBySession(session.Id) is { } room)
        {
            rooms.CheckControl(session.Id, ControllerId);
            rooms.Close(room.Code);
            return;
        }
        SessionOwnership.CheckOwner(session, OwnerId);
        sessions.Close(session.Id);
    }

    public SnapshotInfo GetSnapshot(string sessionId)
    {
        var session = FoundSession(sessionId);
        return SnapshotInfo.Of(session.Current, session);
    }

    /// <summary>The current snapshot, then one per publish (10 to 20 a second while the session runs) until the caller stops or the session closes.</summary>
    public IAsyncEnumerable<SnapshotInfo> StreamSnapshots(string sessionId, CancellationToken cancellationToken) =>
        LoggingFailures(StreamSnapshotsCore(FoundSession(sessionId), cancellationToken), nameof(StreamSnapshots), cancellationToken);

    /// <summary>Events after <paramref name="afterSequence"/> still in the log, then new ones as they happen.</summary>
    public IAsyncEnumerable<EventInfo> StreamEvents(string sessionId, long afterSequence, CancellationToken cancellationToken)
    {
        var session = FoundSession(sessionId);
        if (afterSequence < 0)
        {
            throw new SimulationInputException($"afterSequence must be 0 or more; got {afterSequence}.");
        }
        return LoggingFailures(StreamEventsCore(session, afterSequence, cancellationToken), nameof(StreamEvents), cancellationToken);
    }

    public IReadOnlyList<FaultInfo> ListFaults(string sessionId)
    {
        var session = FoundSession(sessionId);
        var snapshot = session.Current.Snapshot;
        string[] nodeIds = [.. snapshot.Nodes.Select(n => n.Id)];
        return
        [
            .. session.FaultCatalog.Select(f => new FaultInfo(
                f.Id,
                f.Label,
                f.Description,
                f.Target == FaultTarget.Node ? snapshot.FaultTargets?.GetValueOrDefault(f.Id) ?? nodeIds : null,
                f.Parameter is { } p ? new FaultParameterInfo(p.Name, p.Min, p.Max, p.Unit, p.Default) : null,
                f.IsBreakIt,
                f.IsInstant,
                f.Demonstration)),
        ];
    }

    public async Task<FaultInjected> InjectFault(string sessionId, FaultInput? fault)
    {
        var session = ControlledSession(sessionId);
        if (fault is null || string.IsNullOrWhiteSpace(fault.FaultId))
        {
            throw new SimulationInputException("A fault needs a faultId, as in { faultId: \"crash\", target: \"n1\" }. ListFaults names them.");
        }
        var request = new FaultRequest(HubInput.Text(fault.FaultId, "fault id")!, HubInput.Text(fault.Target, "target"), fault.Value);
        var active = await session.InjectFaultAsync(request);
        return new FaultInjected(active?.Id) { Fault = active };
    }

    public Task ClearFault(string sessionId, string activeFaultId) =>
        ControlledSession(sessionId).ClearFaultAsync(HubInput.Text(activeFaultId, "active fault id")!);

    /// <summary>Turns a break-it switch on and gives its demonstration (ListFaults' <c>demonstration</c>), 5 simulated seconds apart.</summary>
    public Task ShowDamage(string sessionId, string switchId) =>
        ControlledSession(sessionId).ShowDamageAsync(HubInput.Text(switchId, "switch id")!);

    /// <summary>Applies a control action and returns the snapshot after it.</summary>
    public async Task<SnapshotInfo> Control(string sessionId, ControlInput? control)
    {
        var session = ControlledSession(sessionId);
        var action = ParseAction(HubInput.Text(control?.Action, "action"));
        // A compared run's clock is its comparison's: both runs move together.
        await (comparisons.FindBySession(session.Id) is { } comparison
            ? comparison.ControlAsync(action, control!.Value)
            : session.ControlAsync(action, control!.Value));
        return SnapshotInfo.Of(session.Current, session);
    }

    /// <summary>Runs the session ahead as fast as the server can; viewers see the progress. Returns the snapshot at the end.</summary>
    public async Task<SnapshotInfo> RunFor(string sessionId, double simulatedSeconds)
    {
        var session = ControlledSession(sessionId);
        SimulationSession.CheckRunFor(simulatedSeconds);
        try
        {
            return SnapshotInfo.Of(await session.RunForAsync(TimeSpan.FromSeconds(simulatedSeconds), Context.ConnectionAborted), session);
        }
        catch (OperationCanceledException) when (!Context.ConnectionAborted.IsCancellationRequested)
        {
            throw new HubException("The run was stopped before it finished: the session was paused, stepped, played, reset or closed.");
        }
    }

    /// <summary>
    /// Jumps the session back (or, right after a jump, forward) to a simulated time by replaying its recording; returns the
    /// snapshot there, paused. Going on from it continues as a new branch.
    /// </summary>
    public async Task<SnapshotInfo> TravelTo(string sessionId, double simulatedSeconds)
    {
        var session = ControlledSession(sessionId);
        SimulationSession.CheckTravel(simulatedSeconds);
        try
        {
            if (comparisons.FindBySession(session.Id) is { } comparison)
            {
                await comparison.TravelToAsync(TimeSpan.FromSeconds(simulatedSeconds), Context.ConnectionAborted);
                return SnapshotInfo.Of(session.Current, session);
            }
            return SnapshotInfo.Of(await session.TravelToAsync(TimeSpan.FromSeconds(simulatedSeconds), Context.ConnectionAborted), session);
        }
        catch (OperationCanceledException) when (!Context.ConnectionAborted.IsCancellationRequested)
        {
            throw new HubException("The jump was stopped before it finished: the session was paused, stepped, played, reset or closed.");
        }
    }

    /// <summary>Open to anyone who may watch: the recording holds nothing a viewer cannot see (seed, options, the inputs as they happened).</summary>
    public Task<Recording> ExportRecording(string sessionId) => FoundSession(sessionId).ExportRecordingAsync();

    /// <summary>Replays a recording (the object ExportRecording returns, or a string holding its JSON) into a new paused session.</summary>
    public async Task<SessionImported> ImportRecording(JsonElement recording)
    {
        var parsed = ParseRecording(recording);
        string owner = OwnerId;
        // Replaying is CPU work; keep it off the connection's thread.
        var session = await Task.Run(() => sessions.Import(owner, parsed));
        return new SessionImported(session.Id);
    }

    /// <summary>A connection's own sessions close with it; a browser's outlive it (a reload resumes them) until idle eviction.</summary>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (BrowserOwner is null)
        {
            foreach (var session in sessions.ListByOwner(OwnerId))
            {
                sessions.Close(session.Id);
            }
        }
        rooms.Release(ControllerId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The session, to watch: anyone holding its id may.</summary>
    private ISimulationSession FoundSession(string sessionId) => sessions.Get(HubInput.Text(sessionId, "session id")!);

    /// <summary>
    /// The session, for a method that changes it: a private run only for its owner, a room's session only for a connection
    /// that controls the room. Everyone else is refused with a message saying the view is read-only.
    /// </summary>
    private ISimulationSession ControlledSession(string sessionId)
    {
        var session = FoundSession(sessionId);
        rooms.CheckControl(session.Id, ControllerId);
        SessionOwnership.CheckOwner(session, OwnerId);
        if (comparisons.IsWithSide(session.Id))
        {
            throw new SimulationInputException(
                $"Session {session.Id} is the side with the difference of a comparison, which keeps it on the other run's clock; " +
                "drive it through the comparison (ControlComparison, InjectComparisonFault).");
        }
        return session;
    }

    private static ControlAction ParseAction(string? action) => action?.Trim().ToLowerInvariant() switch
    {
        "play" => ControlAction.Play,
        "pause" => ControlAction.Pause,
        "step" => ControlAction.Step,
        "speed" => ControlAction.Speed,
        "reset" => ControlAction.Reset,
        null or "" => throw new SimulationInputException("A control needs an action: play, pause, step, speed or reset."),
        _ => throw new SimulationInputException($"Unknown action '{action}'. Actions: play, pause, step, speed, reset."),
    };

    private static Recording ParseRecording(JsonElement recording)
    {
        switch (recording.ValueKind)
        {
            case JsonValueKind.Object:
                Recording? parsed;
                try
                {
                    parsed = recording.Deserialize<Recording>(Recording.JsonOptions);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
                {
                    throw new SimulationInputException($"The recording is malformed: {e.Message}");
                }
                if (parsed is null)
                {
                    throw new SimulationInputException("A recording is required.");
                }
                parsed.Validate();
                return parsed;
            case JsonValueKind.String:
                try
                {
                    return Recording.FromJson(recording.GetString()!);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    // The JSON reader refuses text that is not whole UTF-16 characters (a lone surrogate).
                    throw new SimulationInputException($"The recording is not valid text: {e.Message}");
                }
            case JsonValueKind.Null or JsonValueKind.Undefined:
                throw new SimulationInputException("A recording is required: pass the object ExportRecording returned.");
            default:
                throw new SimulationInputException($"A recording is a JSON object (or a string holding one), not {recording.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    /// <summary>
    /// A stream whose failure part way is logged and sent as <see cref="HubInputErrorFilter"/> does for calls: the filter
    /// sees only the start of a stream, and SignalR's own report of a failed stream is off (see appsettings.json).
    /// </summary>
    private async IAsyncEnumerable<T> LoggingFailures<T>(IAsyncEnumerable<T> source, string method, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string connectionId = Context.ConnectionId;
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Exception? failure = null;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e;
            }
            if (failure is not null)
            {
                throw HubInputErrorFilter.ToHubException(logger, method, connectionId, failure);
            }
            yield return items.Current;
        }
    }

    private static async IAsyncEnumerable<SnapshotInfo> StreamSnapshotsCore(ISimulationSession session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var state in session.WatchAsync(cancellationToken))
        {
            yield return SnapshotInfo.Of(state, session);
        }
    }

    private static async IAsyncEnumerable<EventInfo> StreamEventsCore(ISimulationSession session, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long last = afterSequence;
        int generation = session.Current.Generation;
        // Each published state wakes the stream; it then reads what the log gained since.
        await foreach (var state in session.WatchAsync(cancellationToken))
        {
            if (state.Generation != generation)
            {
                generation = state.Generation;
                last = 0;
            }
            while (state.LastEventSequence > last && !session.IsClosed)
            {
                IReadOnlyList<SimulationEvent> batch;
                try
                {
                    batch = await session.GetEventsAsync(last, EventBatch);
                }
                catch (SimulationInputException) when (session.IsClosed)
                {
                    yield break;
                }
                if (batch.Count == 0)
                {
                    break;
                }
                foreach (var e in batch)
                {
                    last = e.Sequence;
                    yield return new EventInfo(e.Sequence, e.TimeSeconds, e.Node, e.Kind, e.Text);
                }
            }
        }
    }
}
