using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.EventStore;

/// <summary>
/// Follows the store from a checkpoint and folds every event into its projection: a catch-up subscription that reads
/// in batches (again at once while it is behind), is woken by the store when events are written, and reads every
/// <see cref="PollInterval"/> besides, so a lost message or a store that was down only costs a timeout. The projection and its checkpoint are kept together (one transaction in a real
/// read store), so they survive a crash together and an event is never applied twice.
/// It can be stopped (it keeps its place), reset (forget everything) and rebuilt from position 0, with progress.
/// With an <see cref="ApplyTime"/> each event costs that long to apply, so the projector's throughput is bounded and
/// a burst of writes shows as lag (backlog divided by throughput); a crash while it applies a batch loses that
/// batch, which is simply read again from the checkpoint.
/// </summary>
public class ProjectorNode<TEvent> : SimulationNode
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(1);
    public const int BatchSize = 64;

    private readonly string storeId;
    private NodeTimer? timer;
    private long pendingRequest;
    private long nextRequest = 1;
    private TimeSpan applyTime;

    public ProjectorNode(SimulationBase simulation, string id, string label, string storeId, IProjection<TEvent> projection,
        TimeSpan applyTime = default, TimeSpan? readTimeout = null)
        : base(simulation, id, label)
    {
        this.storeId = storeId;
        Projection = projection;
        ApplyTime = applyTime;
        ReadTimeout = readTimeout ?? DefaultReadTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReadTimeout, TimeSpan.Zero);
    }

    /// <summary>How long it waits for an answer before it reads again; longer than a round trip on the network it runs on.</summary>
    public TimeSpan ReadTimeout { get; }

    /// <summary>How long one event takes to apply; zero applies a batch as it arrives. A change counts from the next batch.</summary>
    public TimeSpan ApplyTime
    {
        get => applyTime;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            applyTime = value;
        }
    }

    /// <summary>True while a batch is being applied (only with an <see cref="ApplyTime"/>).</summary>
    public bool IsApplying { get; private set; }

    public IProjection<TEvent> Projection { get; }

    /// <summary>The position of the last event applied.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>The store's head as last heard; the lag is the difference.</summary>
    public long KnownHead { get; private set; }

    public long Lag => Math.Max(0, KnownHead - Checkpoint);

    public bool IsStopped { get; private set; }

    public long Applied { get; private set; }

    public int Rebuilds { get; private set; }

    /// <summary>While rebuilding: the head it must reach to be done; null when not rebuilding.</summary>
    public long? RebuildTarget { get; private set; }

    /// <summary>0 to 1 while rebuilding, 1 when not.</summary>
    public double RebuildProgress => RebuildTarget is { } target && target > 0 ? Math.Clamp((double)Checkpoint / target, 0, 1) : 1;

    public TimeSpan? LastHeardFromStore { get; private set; }

    public override void Start() => Poll();

    /// <summary>Stops following: the projection keeps what it has and falls behind.</summary>
    public void StopFollowing()
    {
        IsStopped = true;
        CancelTimer(timer);
        pendingRequest = 0;
        IsApplying = false;
    }

    public void ResumeFollowing()
    {
        if (!IsStopped)
        {
            return;
        }
        IsStopped = false;
        if (IsUp)
        {
            Poll();
        }
    }

    /// <summary>Forgets the projection and its checkpoint, then rebuilds from the first event (at once unless stopped).</summary>
    public void Rebuild()
    {
        Projection.Reset();
        Checkpoint = 0;
        IsApplying = false;
        Rebuilds++;
        RebuildTarget = Math.Max(1, KnownHead);
        Log("projection", $"{Label} rebuilds from position 0 up to {RebuildTarget}");
        if (IsUp && !IsStopped)
        {
            CancelTimer(timer);
            Poll();
        }
    }

    protected override void OnCrash()
    {
        pendingRequest = 0;
        IsApplying = false;
    }

    protected override void OnRestart()
    {
        if (!IsStopped)
        {
            Poll();
        }
    }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is StoreAdvanced advanced)
        {
            KnownHead = Math.Max(KnownHead, advanced.HeadPosition);
            // Woken while idle: read now rather than at the next poll.
            if (pendingRequest == 0 && !IsApplying && !IsStopped && advanced.HeadPosition > Checkpoint)
            {
                CancelTimer(timer);
                Poll();
            }
            return;
        }
        if (message is not AllSlice<TEvent> slice || slice.RequestId != pendingRequest || IsStopped)
        {
            return;
        }
        pendingRequest = 0;
        CancelTimer(timer);
        LastHeardFromStore = Now;
        KnownHead = Math.Max(KnownHead, slice.HeadPosition);
        if (ApplyTime > TimeSpan.Zero && slice.Events.Count > 0)
        {
            IsApplying = true;
            timer = StartTimer(ApplyTime * slice.Events.Count, () => ApplyBatch(slice));
            return;
        }
        ApplyBatch(slice);
    }

    private void ApplyBatch(AllSlice<TEvent> slice)
    {
        IsApplying = false;
        if (IsStopped)
        {
            return;
        }
        foreach (var stored in slice.Events)
        {
            // Positions only grow; anything at or before the checkpoint was applied already (a duplicate or a late answer).
            if (stored.Position <= Checkpoint)
            {
                continue;
            }
            Projection.Apply(stored);
            Checkpoint = stored.Position;
            Applied++;
        }
        if (RebuildTarget is { } target && (Checkpoint >= target || slice.Events.Count == 0))
        {
            RebuildTarget = null;
            Log("projection", $"{Label} rebuilt up to position {Checkpoint}");
        }
        CancelTimer(timer);
        if (slice.Events.Count == BatchSize)
        {
            Poll();
        }
        else
        {
            timer = StartTimer(PollInterval, Poll);
        }
    }

    private void Poll()
    {
        if (IsStopped)
        {
            return;
        }
        pendingRequest = nextRequest++;
        Send(storeId, new ReadAllRequest(pendingRequest, Checkpoint, BatchSize, Subscribe: true));
        // No answer in time (store down, message lost): ask again.
        timer = StartTimer(ReadTimeout, Poll);
    }
}
