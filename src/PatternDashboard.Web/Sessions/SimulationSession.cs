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
public sealed partial class SimulationSession : ISimulationSession, IDisposable
{
    public const double MinSpeed = 0.01;
    public const double MaxSpeed = 100;

    /// <summary>Most simulated time one <see cref="RunForAsync"/> call may cover.</summary>
    public static readonly TimeSpan MaxRunFor = TimeSpan.FromHours(1);

    /// <summary>Events held back from the log per read.</summary>
    public const int MaxEventsPerRead = 1_000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock viewersLock = new();
    private readonly CancellationTokenSource closing = new();
    private readonly TimeProvider time;
    private readonly TimeSpan publishInterval;
    private readonly ILogger logger;
    private readonly SessionLimits limits;
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

    public SimulationSession(string id, string ownerId, SimulationBase simulation, SessionLimits options, TimeProvider time, ILogger<SimulationSession>? logger = null)
    {
        Id = id;
        OwnerId = ownerId;
        Pattern = simulation.Pattern;
        this.simulation = simulation;
        this.time = time;
        this.logger = logger ?? NullLogger<SimulationSession>.Instance;
        publishInterval = options.PublishInterval;
        limits = options;
        MaxEventsPerTick = 20_000;
        lastTickTimestamp = time.GetTimestamp();
        CreatedAt = time.GetUtcNow();
        lastActivityTicks = CreatedAt.UtcTicks;
        clockTicks = simulation.Clock.Now.Ticks;
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

    public async Task ShowDamageAsync(string switchId)
    {
        if (string.IsNullOrWhiteSpace(switchId))
        {
            throw new SimulationInputException("A break-it switch id is required.");
        }
        await EnterAsync().ConfigureAwait(false);
        try
        {
            simulation.ShowDamage(switchId);
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
                    int logCapacity = simulation.Log.Capacity;
                    simulation = Pattern.CreateSimulation(resetSeed ?? simulation.Seed, simulation.Options);
                    simulation.Log.Resize(logCapacity);
                    status = SessionStatus.Paused;
                    generation++;
                    ClearBookmarksLocked();
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
            return simulation.ToRecording() with { Bookmarks = RecordedBookmarksLocked() };
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
}
