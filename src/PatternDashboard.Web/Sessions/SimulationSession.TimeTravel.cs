using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

// Time travel: jump back to an earlier simulated time by replaying the run's recording into a fresh simulation,
// look around, jump again (forward too, up to where the run had got), and continue from there as a branch.
// There are no checkpoints: TimeTravelBenchmarks measures a jump over 60 simulated minutes of a busy 5-node cluster
// (the most MaxReplayMinutes allows by default) at about 0.4 s, and 10 minutes at about 45 ms.
public sealed partial class SimulationSession
{
    /// <summary>Events a jump replays between two looks at the lock (progress, a pause that stops it).</summary>
    internal const int TravelChunkEvents = 50_000;

    // Written under gate, read anywhere: a reference swap is atomic.
    private volatile TravelMark? travelMark;
    private volatile bool travelling;

    public TimelineInfo Timeline
    {
        get
        {
            var state = current.State;
            double now = state.Snapshot.SimulatedTime;
            var progress = state.Status == SessionStatus.FastForwarding && travelling ? state.FastForward : null;
            if (travelMark is not { } mark || state.Generation != mark.Generation)
            {
                return new TimelineInfo(now, false, null, null, progress) { BookmarksVersion = Volatile.Read(ref bookmarksVersion) };
            }
            // Until anything happens after the jump (an event runs, an input arrives) the original run is still reachable.
            bool previewing = state.Snapshot.EventCount == mark.Events && state.Snapshot.ActiveFaults.Count == mark.ActiveFaults;
            return new TimelineInfo(previewing ? Math.Max(now, mark.SourceEnd.TotalSeconds) : now, previewing,
                mark.Target.TotalSeconds, mark.SourceEnd.TotalSeconds, progress) { BookmarksVersion = Volatile.Read(ref bookmarksVersion) };
        }
    }

    public async Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        CheckTravel(simulatedTime.TotalSeconds);
        CancellationTokenSource run;
        Recording source;
        TimeSpan sourceEnd;
        SimulationBase before;
        int inputsBefore;
        int logCapacity;
        await EnterAsync().ConfigureAwait(false);
        try
        {
            if (fastForward is not null)
            {
                throw new SimulationInputException("A fast-forward or a jump is already running on this session; wait for it to finish or pause it.");
            }
            var mark = PreviewMarkLocked();
            source = mark?.Source ?? simulation.ToRecording();
            sourceEnd = mark is null ? simulation.Clock.Now : Max(mark.SourceEnd, simulation.Clock.Now);
            if (simulatedTime > sourceEnd)
            {
                throw new SimulationInputException(
                    $"A jump goes back to a time the run has reached, 0 to {sourceEnd.TotalSeconds:0.###} s; {simulatedTime.TotalSeconds:0.###} s is ahead of it.");
            }
            var maxReplay = TimeSpan.FromMinutes(limits.MaxReplayMinutes);
            if (simulatedTime > maxReplay)
            {
                throw new SimulationInputException(
                    $"A jump replays the run from the start, at most {limits.MaxReplayMinutes} simulated minutes; {simulatedTime.TotalMinutes:0.#} minutes is too far.");
            }
            before = simulation;
            inputsBefore = simulation.Inputs.Count;
            logCapacity = simulation.Log.Capacity;
            run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
            fastForward = run;
            travelling = true;
            statusAfterFastForward = SessionStatus.Paused;
            status = SessionStatus.FastForwarding;
            fastForwardProgress = new FastForwardProgress(simulatedTime.TotalSeconds, 0);
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
        try
        {
            // Off the caller's context, as a fast-forward: a long replay must not hold a Blazor circuit's thread.
            var replayed = await Task.Run(() => ReplayAsync(run, source, simulatedTime, logCapacity), CancellationToken.None).ConfigureAwait(false);
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (fastForward != run)
                {
                    throw new OperationCanceledException("The jump was stopped by a pause, step, play or reset.");
                }
                fastForward = null;
                fastForwardProgress = null;
                travelling = false;
                status = SessionStatus.Paused;
                if (simulation != before || simulation.Inputs.Count != inputsBefore)
                {
                    PublishLocked();
                    throw new SimulationInputException("A fault or reset arrived while the jump was replaying, so the jump was dropped; jump again.");
                }
                simulation = replayed;
                generation++;
                travelMark = new TravelMark(source, sourceEnd, simulatedTime, generation, replayed, replayed.Scheduler.ExecutedCount,
                    replayed.Inputs.Count, replayed.Faults.Active.Count, bookmarksMade);
                PublishLocked();
                return current.State;
            }
            finally
            {
                gate.Release();
            }
        }
        catch
        {
            await AbandonTravelAsync(run).ConfigureAwait(false);
            throw;
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>After a jump failed or was stopped: the session stays on its run, paused or as the stop left it.</summary>
    private async Task AbandonTravelAsync(CancellationTokenSource run)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (fastForward == run)
            {
                StopFastForwardLocked();
                PublishLocked();
            }
            travelling = false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The farthest any jump can go: the largest Sessions:MaxReplayMinutes allowed.</summary>
    private static readonly TimeSpan MaxTravel = TimeSpan.FromDays(1);

    /// <summary>Refuses a jump to no time at all, beyond any replay, or to a time that is not a number.</summary>
    internal static void CheckTravel(double simulatedSeconds)
    {
        if (!double.IsFinite(simulatedSeconds) || simulatedSeconds < 0)
        {
            throw new SimulationInputException($"Jump to a simulated time of 0 s or more; got {simulatedSeconds} s.");
        }
        // Checked before any TimeSpan is made of it: 1e308 s has no TimeSpan.
        if (simulatedSeconds > MaxTravel.TotalSeconds)
        {
            throw new SimulationInputException(
                $"A jump replays the run from the start, and no run replays more than one simulated day; {simulatedSeconds} s is too far.");
        }
    }

    /// <summary>
    /// Rebuilds the run up to <paramref name="target"/> the way <see cref="PatternRegistry.Replay"/> does (each input at
    /// its recorded point, then on to the target), but in chunks so it reports progress and a pause can stop it.
    /// </summary>
    private async Task<SimulationBase> ReplayAsync(CancellationTokenSource run, Recording source, TimeSpan target, int logCapacity)
    {
        var replay = Pattern.CreateSimulation(source.Seed, source.Options);
        // Sized before the replay, so a larger configured log keeps as much history as the live run did.
        replay.Log.Resize(logCapacity);
        var scheduler = replay.Scheduler;
        foreach (var input in source.Inputs)
        {
            var at = TimeSpan.FromTicks(input.TimeTicks);
            if (at > target)
            {
                break;
            }
            while (scheduler.ExecutedCount < input.AfterEvents && scheduler.NextEventTime is not null)
            {
                await RunChunkAsync(run, replay, target, () => scheduler.ExecutedCount < input.AfterEvents).ConfigureAwait(false);
            }
            try
            {
                scheduler.RunToPoint(input.AfterEvents, at);
                if (input.Action == RecordedInput.Inject)
                {
                    replay.InjectFault(new FaultRequest(input.FaultId, input.Target, input.Value));
                }
                else
                {
                    replay.ClearFault(input.FaultId);
                }
            }
            catch (InvalidOperationException e)
            {
                throw new SimulationInputException($"The run's recording does not replay: {e.Message}");
            }
        }
        while (scheduler.NextEventTime is { } next && next <= target)
        {
            await RunChunkAsync(run, replay, target, () => scheduler.NextEventTime is { } n && n <= target).ConfigureAwait(false);
        }
        replay.RunUntil(target);
        return replay;
    }

    /// <summary>Runs up to <see cref="TravelChunkEvents"/> events while <paramref name="more"/> holds, then reports progress.</summary>
    private async Task RunChunkAsync(CancellationTokenSource run, SimulationBase replay, TimeSpan target, Func<bool> more)
    {
        run.Token.ThrowIfCancellationRequested();
        for (int i = 0; i < TravelChunkEvents && more() && replay.Step(); i++)
        {
        }
        if (replay.Scheduler.ExecutedCount > limits.MaxReplayEvents)
        {
            throw new SimulationInputException(
                $"Jumping to {target.TotalSeconds:0.###} s would replay more than {limits.MaxReplayEvents:N0} events, the limit; jump to an earlier time.");
        }
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (fastForward != run)
            {
                throw new OperationCanceledException("The jump was stopped by a pause, step, play or reset.");
            }
            double fraction = target > TimeSpan.Zero ? Math.Clamp(replay.Clock.Now / target, 0, 1) : 1;
            fastForwardProgress = new FastForwardProgress(target.TotalSeconds, fraction);
            dirty = true;
            PublishIfDueLocked();
        }
        finally
        {
            gate.Release();
        }
        await Task.Yield();
    }

    /// <summary>The last jump, if nothing has happened since: then a new jump may still reach the original run's end.</summary>
    private TravelMark? PreviewMarkLocked() =>
        travelMark is { } mark && mark.Simulation == simulation && simulation.Scheduler.ExecutedCount == mark.Events
            && simulation.Inputs.Count == mark.Inputs
            ? mark
            : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A jump: the run it replayed from (and how far that run had got), where it landed, and the state it left.</summary>
    /// <param name="BookmarksMade">How many bookmarks had been made by then: those later are the branch's own.</param>
    private sealed record TravelMark(
        Recording Source, TimeSpan SourceEnd, TimeSpan Target, int Generation, SimulationBase Simulation, long Events, int Inputs, int ActiveFaults,
        int BookmarksMade);
}
