using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

// Moving simulated time: ticks against the wall clock, steps, fast-forward and their limits.
public sealed partial class SimulationSession
{
    /// <summary>Longest wall time one tick accounts for, so a stalled process does not jump ahead.</summary>
    internal static readonly TimeSpan MaxTickElapsed = TimeSpan.FromMilliseconds(250);

    /// <summary>Wall time one tick may spend running events; past it the session falls behind instead of spiralling.</summary>
    internal static readonly TimeSpan TickBudget = TimeSpan.FromMilliseconds(8);

    /// <summary>Wall time one fast-forward chunk may hold the lock before viewers and inputs get a turn.</summary>
    internal static readonly TimeSpan ChunkBudget = TimeSpan.FromMilliseconds(20);

    /// <summary>A fast-forward is split into at least this many chunks, so its progress moves smoothly.</summary>
    internal const int MinChunks = 50;

    /// <summary>Most events one tick runs; tests lower it to see a session fall behind.</summary>
    internal int MaxEventsPerTick { get; set; }

    /// <summary>
    /// Moves simulated time on by the wall time since the last tick times the speed, then publishes if a
    /// publish is due. Never waits: a session busy with an input or a fast-forward chunk skips this tick.
    /// </summary>
    internal void Tick()
    {
        if (closed || !gate.Wait(0))
        {
            return;
        }
        try
        {
            TickLocked();
        }
        catch (Exception e)
        {
            // A pattern bug must not take the pacer down; the session stops where it broke.
            logger.LogError(e, "Session {SessionId} ({PatternId}) failed while running; it is paused.", Id, Pattern.Id);
            status = SessionStatus.Paused;
            try
            {
                PublishLocked();
            }
            catch (Exception again)
            {
                logger.LogError(again, "Session {SessionId} cannot describe its state.", Id);
                dirty = false;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    internal static void CheckRunFor(TimeSpan simulatedTime) => CheckRunFor(simulatedTime.TotalSeconds);

    /// <summary>Refuses a fast-forward of no time, or of more than <see cref="MaxRunFor"/>.</summary>
    internal static void CheckRunFor(double simulatedSeconds)
    {
        if (!double.IsFinite(simulatedSeconds) || simulatedSeconds <= 0 || simulatedSeconds > MaxRunFor.TotalSeconds)
        {
            throw new SimulationInputException(
                $"Run for more than 0 and at most {MaxRunFor.TotalSeconds:0} simulated seconds (one hour) per call; got {simulatedSeconds} s.");
        }
    }

    /// <summary>Checks a control action's value before anything changes; returns the seed for a reset.</summary>
    private static long? CheckControl(ControlAction action, double? value)
    {
        switch (action)
        {
            case ControlAction.Speed:
                if (value is not { } s || double.IsNaN(s) || s < MinSpeed || s > MaxSpeed)
                {
                    throw new SimulationInputException($"Speed must be between {MinSpeed} and {MaxSpeed}; got {value?.ToString() ?? "nothing"}.");
                }
                return null;
            case ControlAction.Reset:
                if (value is not { } seed)
                {
                    return null;
                }
                // Seeds travel as JSON numbers, exact up to 2^53.
                if (seed != Math.Floor(seed) || Math.Abs(seed) > 9_007_199_254_740_992)
                {
                    throw new SimulationInputException($"A reset seed must be a whole number of at most 2^53 in size; got {seed}.");
                }
                return (long)seed;
            case ControlAction.Play or ControlAction.Pause or ControlAction.Step:
                if (value is not null)
                {
                    throw new SimulationInputException($"'{action.ToString().ToLowerInvariant()}' takes no value.");
                }
                return null;
            default:
                throw new SimulationInputException($"Unknown control action '{action}'. Actions: play, pause, step, speed, reset.");
        }
    }

    private async Task<SessionState> FastForwardAsync(CancellationTokenSource run, TimeSpan start, TimeSpan target)
    {
        var chunk = (target - start) / MinChunks;
        try
        {
            while (true)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (fastForward != run)
                    {
                        throw new OperationCanceledException("The fast-forward was stopped by a pause, step, play or reset.");
                    }
                    run.Token.ThrowIfCancellationRequested();
                    var chunkEnd = simulation.Clock.Now + chunk;
                    AdvanceLocked(chunkEnd < target ? chunkEnd : target, MaxEventsPerTick, ChunkBudget);
                    var now = simulation.Clock.Now;
                    if (now >= target)
                    {
                        fastForward = null;
                        fastForwardProgress = null;
                        status = statusAfterFastForward;
                        lastTickTimestamp = time.GetTimestamp();
                        PublishLocked();
                        return current.State;
                    }
                    fastForwardProgress = new FastForwardProgress(target.TotalSeconds, (now - start) / (target - start));
                    dirty = true;
                    PublishIfDueLocked();
                }
                finally
                {
                    gate.Release();
                }
                await Task.Yield();
            }
        }
        catch (OperationCanceledException)
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (fastForward == run)
                {
                    StopFastForwardLocked();
                    PublishLocked();
                }
            }
            finally
            {
                gate.Release();
            }
            throw;
        }
    }

    /// <summary>Ends a fast-forward in progress (its loop notices at its next chunk) and restores the status it interrupted.</summary>
    private void StopFastForwardLocked()
    {
        if (fastForward is null)
        {
            return;
        }
        fastForward.Cancel();
        fastForward = null;
        fastForwardProgress = null;
        if (status == SessionStatus.FastForwarding)
        {
            status = statusAfterFastForward;
        }
    }

    private void TickLocked()
    {
        long now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(lastTickTimestamp, now);
        lastTickTimestamp = now;
        if (FollowLocked())
        {
            return;
        }
        if (status == SessionStatus.Running && elapsed > TimeSpan.Zero)
        {
            if (elapsed > MaxTickElapsed)
            {
                elapsed = MaxTickElapsed;
            }
            // Carry the fraction of a tick over, so slow motion does not drift by rounding every frame.
            double exact = elapsed.Ticks * speed + carriedTicks;
            long whole = (long)Math.Floor(exact);
            carriedTicks = exact - whole;
            AdvanceLocked(simulation.Clock.Now + TimeSpan.FromTicks(whole), MaxEventsPerTick, TickBudget);
            dirty = true;
        }
        PublishIfDueLocked();
    }

    /// <summary>
    /// Runs events up to <paramref name="target"/>, or fewer when the event or wall-time budget runs out; then
    /// the clock stays at the last event run and the next call starts from there (behind, never spiralling).
    /// </summary>
    /// <returns>True when the clock reached the target.</returns>
    private bool AdvanceLocked(TimeSpan target, int maxEvents, TimeSpan budget)
    {
        var scheduler = simulation.Scheduler;
        long started = time.GetTimestamp();
        int executed = 0;
        while (scheduler.NextEventTime is { } next && next <= target)
        {
            if (executed >= maxEvents || (executed % 256 == 255 && time.GetElapsedTime(started) > budget))
            {
                NoteClockLocked();
                return false;
            }
            simulation.Step();
            executed++;
        }
        simulation.RunUntil(target);
        NoteClockLocked();
        return true;
    }
}
