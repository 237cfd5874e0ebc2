using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// One simulation paced against the wall clock. Every touch of the simulation happens under <see cref="gate"/>,
/// so the simulation stays single-threaded. <see cref="Tick"/> (called about 60 times a second by
/// <see cref="SessionPacer"/>) moves simulated time on and publishes one <see cref="SessionState"/> per publish
/// interval, which each viewer receives through its own one-slot channel: bursts merge, slow viewers skip.
/// </summary>
public sealed class SimulationSession : ISimulationSession, IDisposable
{
    public const double MinSpeed = 0.01;
    public const double MaxSpeed = 100;

    /// <summary>Most simulated time one <see cref="RunForAsync"/> call may cover.</summary>
    public static readonly TimeSpan MaxRunFor = TimeSpan.FromHours(1);

    /// <summary>Events held back from the log per read.</summary>
    public const int MaxEventsPerRead = 1_000;

    /// <summary>Longest wall time one tick accounts for, so a stalled process does not jump ahead.</summary>
    internal static readonly TimeSpan MaxTickElapsed = TimeSpan.FromMilliseconds(250);

    /// <summary>Wall time one tick may spend running events; past it the session falls behind instead of spiralling.</summary>
    internal static readonly TimeSpan TickBudget = TimeSpan.FromMilliseconds(8);

    /// <summary>Wall time one fast-forward chunk may hold the lock before viewers and inputs get a turn.</summary>
    internal static readonly TimeSpan ChunkBudget = TimeSpan.FromMilliseconds(20);

    /// <summary>A fast-forward is split into at least this many chunks, so its progress moves smoothly.</summary>
    internal const int MinChunks = 50;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock viewersLock = new();
    private readonly CancellationTokenSource closing = new();
    private readonly TimeProvider time;
    private readonly TimeSpan publishInterval;
    private readonly ILogger logger;
    private Channel<Published>[] viewers = [];
    private volatile Published current;
    private long lastActivityTicks;
    private volatile bool closed;

    // Guarded by gate.
    private SimulationBase simulation;
    private SessionStatus status = SessionStatus.Paused;
    private SessionStatus statusAfterFastForward = SessionStatus.Paused;
    private double speed = 1;
    private FastForwardProgress? fastForwardProgress;
    private CancellationTokenSource? fastForward;
    private int generation;
    private long publishNumber;
    private long lastTickTimestamp;
    private double carriedTicks;
    private long lastPublishTimestamp;
    private bool dirty;

    public SimulationSession(string id, string ownerId, SimulationBase simulation, SessionOptions options, TimeProvider time, ILogger<SimulationSession>? logger = null)
    {
        Id = id;
        OwnerId = ownerId;
        Pattern = simulation.Pattern;
        this.simulation = simulation;
        this.time = time;
        this.logger = logger ?? NullLogger<SimulationSession>.Instance;
        publishInterval = options.PublishInterval;
        MaxEventsPerTick = 20_000;
        lastTickTimestamp = time.GetTimestamp();
        CreatedAt = time.GetUtcNow();
        lastActivityTicks = CreatedAt.UtcTicks;
        current = new Published(0, BuildStateLocked());
        lastPublishTimestamp = lastTickTimestamp;
    }

    public string Id { get; }

    public string OwnerId { get; }

    public PatternDescriptor Pattern { get; }

    public DateTimeOffset CreatedAt { get; }

    public bool IsClosed => closed;

    public SessionState Current => current.State;

    public IReadOnlyList<FaultDefinition> FaultCatalog => simulation.FaultCatalog;

    public int ViewerCount => Volatile.Read(ref viewers).Length;

    /// <summary>The last time someone watched, started watching or gave an input.</summary>
    public DateTimeOffset LastActivity => new(Interlocked.Read(ref lastActivityTicks), TimeSpan.Zero);

    /// <summary>Most events one tick runs; tests lower it to see a session fall behind.</summary>
    internal int MaxEventsPerTick { get; set; }

    /// <summary>Raised after every publish, on the publishing thread; for tests that count publishes.</summary>
    internal event Action<SessionState>? StatePublished;

    public async IAsyncEnumerable<SessionState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Published>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        AddViewer(channel);
        try
        {
            // Registered before reading Current, so no publish can fall between the two.
            var first = current;
            long last = first.Number;
            yield return first.State;
            while (!closed)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    more = false;
                }
                if (!more)
                {
                    break;
                }
                while (channel.Reader.TryRead(out var next))
                {
                    if (next.Number > last)
                    {
                        last = next.Number;
                        yield return next.State;
                    }
                }
            }
        }
        finally
        {
            RemoveViewer(channel);
        }
    }

    public async Task<ActiveFault?> InjectFaultAsync(FaultRequest request)
    {
        if (request is null)
        {
            throw new SimulationInputException("A fault request is required.");
        }
        await EnterAsync().ConfigureAwait(false);
        try
        {
            var active = simulation.InjectFault(request);
            PublishLocked();
            return active;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ClearFaultAsync(string activeFaultId)
    {
        if (string.IsNullOrWhiteSpace(activeFaultId))
        {
            throw new SimulationInputException("An active fault id is required.");
        }
        await EnterAsync().ConfigureAwait(false);
        try
        {
            simulation.ClearFault(activeFaultId);
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ControlAsync(ControlAction action, double? value = null)
    {
        long? resetSeed = CheckControl(action, value);
        await EnterAsync().ConfigureAwait(false);
        try
        {
            if (action != ControlAction.Speed)
            {
                // The action decides the status from now on; the fast-forward sees it was superseded.
                StopFastForwardLocked();
            }
            switch (action)
            {
                case ControlAction.Play:
                    status = SessionStatus.Running;
                    lastTickTimestamp = time.GetTimestamp();
                    break;
                case ControlAction.Pause:
                    status = SessionStatus.Paused;
                    break;
                case ControlAction.Step:
                    status = SessionStatus.Paused;
                    simulation.Step();
                    break;
                case ControlAction.Speed:
                    speed = value!.Value;
                    break;
                case ControlAction.Reset:
                    simulation = Pattern.CreateSimulation(resetSeed ?? simulation.Seed, simulation.Options);
                    status = SessionStatus.Paused;
                    generation++;
                    break;
                default:
                    throw new SimulationInputException($"Unknown control action '{action}'.");
            }
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        CheckRunFor(simulatedTime);
        CancellationTokenSource run;
        TimeSpan start, target;
        await EnterAsync().ConfigureAwait(false);
        try
        {
            if (fastForward is not null)
            {
                throw new SimulationInputException("A fast-forward is already running on this session; wait for it to finish or pause it.");
            }
            run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
            fastForward = run;
            statusAfterFastForward = status;
            status = SessionStatus.FastForwarding;
            start = simulation.Clock.Now;
            target = start + simulatedTime;
            fastForwardProgress = new FastForwardProgress(target.TotalSeconds, 0);
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
        try
        {
            // Off the caller's context: a Blazor circuit must not run the chunks on its own thread.
            return await Task.Run(() => FastForwardAsync(run, start, target), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            run.Dispose();
        }
    }

    public async Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = MaxEventsPerRead)
    {
        if (afterSequence < 0)
        {
            throw new SimulationInputException($"afterSequence must be 0 or more; got {afterSequence}.");
        }
        if (max < 1)
        {
            throw new SimulationInputException($"max must be at least 1; got {max}.");
        }
        await EnterAsync().ConfigureAwait(false);
        try
        {
            return simulation.Log.After(afterSequence, Math.Min(max, MaxEventsPerRead));
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<Recording> ExportRecordingAsync()
    {
        await EnterAsync().ConfigureAwait(false);
        try
        {
            return simulation.ToRecording();
        }
        finally
        {
            gate.Release();
        }
    }

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

    /// <summary>Publishes the state as it is now, due or not; for tests that look between publishes.</summary>
    internal async Task<SessionState> PublishNowAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            PublishLocked();
            return current.State;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True when nobody watches, nothing runs ahead and no input came for <paramref name="idleFor"/>.</summary>
    internal bool IsIdle(DateTimeOffset now, TimeSpan idleFor) =>
        ViewerCount == 0 && Volatile.Read(ref fastForward) is null && now - LastActivity >= idleFor;

    /// <summary>Closes the session: viewers' streams end, a fast-forward stops, every later call fails.</summary>
    public void Dispose()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closing.Cancel();
        Channel<Published>[] watching;
        lock (viewersLock)
        {
            watching = viewers;
        }
        foreach (var viewer in watching)
        {
            viewer.Writer.TryComplete();
        }
    }

    public override string ToString() => $"{Id} ({Pattern.Id}, {status})";

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
                return false;
            }
            simulation.Step();
            executed++;
        }
        simulation.RunUntil(target);
        return true;
    }

    private void PublishIfDueLocked()
    {
        // A millisecond of slack so ticks at 60 Hz land on a 15-per-second beat instead of slipping a tick.
        if (dirty && time.GetElapsedTime(lastPublishTimestamp) >= publishInterval - TimeSpan.FromMilliseconds(1))
        {
            PublishLocked();
        }
    }

    /// <summary>Builds one state and hands it to every viewer; a viewer's unread state is replaced, never queued.</summary>
    private void PublishLocked()
    {
        var published = new Published(++publishNumber, BuildStateLocked());
        current = published;
        lastPublishTimestamp = time.GetTimestamp();
        dirty = false;
        foreach (var viewer in Volatile.Read(ref viewers))
        {
            viewer.Writer.TryWrite(published);
        }
        StatePublished?.Invoke(published.State);
    }

    private SessionState BuildStateLocked() =>
        new(Id, simulation.CreateSnapshot(), status, speed, fastForwardProgress, simulation.Log.LastSequence, generation);

    /// <summary>Takes the lock for an input, after checking the session is open, and counts the input as activity.</summary>
    private async Task EnterAsync()
    {
        ThrowIfClosed();
        Touch();
        try
        {
            await gate.WaitAsync(closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ThrowIfClosed();
            throw;
        }
        if (closed)
        {
            gate.Release();
            ThrowIfClosed();
        }
    }

    private void ThrowIfClosed()
    {
        if (closed)
        {
            throw new SimulationInputException($"Session '{Id}' has closed; start a new one.");
        }
    }

    private void Touch() => Interlocked.Exchange(ref lastActivityTicks, time.GetUtcNow().UtcTicks);

    private void AddViewer(Channel<Published> channel)
    {
        lock (viewersLock)
        {
            viewers = [.. viewers, channel];
        }
        Touch();
        if (closed)
        {
            channel.Writer.TryComplete();
        }
    }

    private void RemoveViewer(Channel<Published> channel)
    {
        lock (viewersLock)
        {
            viewers = Array.FindAll(viewers, v => v != channel);
        }
        Touch();
    }

    private sealed record Published(long Number, SessionState State);
}
