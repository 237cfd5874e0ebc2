using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>
/// The router: holds one map per strategy, sends every client request to the owning shard of each, and drives
/// rebalances: on a change of shards it makes the new maps, tells every shard, and waits until each has handed off
/// what it no longer owns. A shard that does not answer in time is read from its replica when replicas are on.
/// </summary>
public sealed class RouterNode : SimulationNode
{
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RemindEvery = TimeSpan.FromSeconds(1);

    /// <summary>Tries of a key whose data is moving before the request counts as unavailable.</summary>
    public const int MaxAttempts = 10;

    private readonly ShardMap[] maps = new ShardMap[ShardingPattern.Strategies.Count];
    private readonly HashSet<string>[] waiting = [.. ShardingPattern.Strategies.Select(_ => new HashSet<string>(StringComparer.Ordinal))];
    private readonly Dictionary<long, PendingOperation> pending = [];
    private readonly long[][] ackedVersions;
    private readonly bool replicas;
    private NodeTimer? remindTimer;

    public RouterNode(SimulationBase simulation, string id, IReadOnlyList<ShardMap> initial, int keyCount, bool replicas)
        : base(simulation, id, "Router")
    {
        for (int i = 0; i < initial.Count; i++)
        {
            maps[i] = initial[i];
        }
        ackedVersions = [.. ShardingPattern.Strategies.Select(_ => new long[keyCount])];
        this.replicas = replicas;
        Tallies = [.. ShardingPattern.Strategies.Select(_ => new OperationTally())];
        Load = new ShardLoad(simulation.Clock);
    }

    public ShardMap MapOf(Strategy strategy) => maps[(int)strategy];

    public bool IsRebalancing(Strategy strategy) => waiting[(int)strategy].Count > 0;

    public bool IsRebalancing() => waiting.Any(w => w.Count > 0);

    /// <summary>The shards that have not yet reported a strategy's rebalance done.</summary>
    public IReadOnlyCollection<string> WaitingFor(Strategy strategy) => waiting[(int)strategy];

    public IReadOnlyList<OperationTally> Tallies { get; }

    public ShardLoad Load { get; }

    public int PendingCount => pending.Count;

    /// <summary>The highest version of a key the router saw a shard acknowledge: what a client was told is stored.</summary>
    public long AckedVersion(Strategy strategy, int key) => ackedVersions[(int)strategy][key];

    /// <summary>Called when a strategy's rebalance has finished on every shard.</summary>
    public Action<Strategy>? Completed { get; init; }

    /// <summary>Puts new maps in force and tells every shard of the old and the new map.</summary>
    internal void Rebalance(IReadOnlyList<(Strategy Strategy, ShardMap Map)> changes)
    {
        foreach (var (strategy, map) in changes)
        {
            var before = maps[(int)strategy];
            maps[(int)strategy] = map;
            var told = waiting[(int)strategy];
            foreach (var shard in before.Members.Union(map.Members))
            {
                told.Add(shard);
                Send(shard, new Rebalance(strategy, map));
            }
        }
        remindTimer ??= StartTimer(RemindEvery, Remind);
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case KeyRequest request:
                foreach (var strategy in ShardingPattern.Strategies)
                {
                    var op = new ShardOperation(request.Id * ShardingPattern.Strategies.Count + (int)strategy, strategy, request.Key, request.IsWrite, request.Version);
                    Dispatch(new PendingOperation(op));
                    if (replicas && request.IsWrite && maps[(int)strategy] is var map && map.ReplicaOf(request.Key) is var replica && replica != map.OwnerOf(request.Key))
                    {
                        Send(replica, new ReplicaCopy(strategy, [new KeyVersion(request.Key, request.Version)]));
                    }
                }
                break;
            case OperationResult result:
                OnResult(result);
                break;
            case Rebalanced done:
                var set = waiting[(int)done.Strategy];
                if (done.Epoch == maps[(int)done.Strategy].Epoch && set.Remove(from) && set.Count == 0)
                {
                    Log("rebalance", $"The {ShardingPattern.StrategyTitle(done.Strategy)} store finished its rebalance");
                    if (replicas)
                    {
                        foreach (var shard in maps[(int)done.Strategy].Members)
                        {
                            Send(shard, new RefreshReplicas(done.Strategy));
                        }
                    }
                    Completed?.Invoke(done.Strategy);
                }
                break;
        }
    }

    private void Dispatch(PendingOperation pendingOp)
    {
        var op = pendingOp.Operation;
        var map = maps[(int)op.Strategy];
        string shard = op.FromReplica ? map.ReplicaOf(op.Key) : map.OwnerOf(op.Key);
        if (!op.FromReplica && pendingOp.Attempts == 0)
        {
            Load.Count(op.Strategy, shard);
        }
        pendingOp.Attempts++;
        pending[op.Id] = pendingOp;
        Send(shard, op);
        pendingOp.Timer = StartTimer(AnswerTimeout, pendingOp.OnTimeout ??= () => TimedOut(op.Id));
    }

    private void OnResult(OperationResult result)
    {
        if (!pending.Remove(result.Id, out var pendingOp))
        {
            return; // answered already, or given up on
        }
        CancelTimer(pendingOp.Timer);
        var op = pendingOp.Operation;
        var tally = Tallies[(int)op.Strategy];
        switch (result.Outcome)
        {
            case OperationOutcome.Done when op.FromReplica:
                tally.FromReplica++;
                break;
            case OperationOutcome.Done:
                tally.Answered++;
                if (op.IsWrite)
                {
                    ref long acked = ref ackedVersions[(int)op.Strategy][op.Key];
                    acked = Math.Max(acked, op.Version);
                }
                break;
            case OperationOutcome.NotMine or OperationOutcome.Moving when pendingOp.Attempts < MaxAttempts:
                tally.Retried++;
                pendingOp.Timer = StartTimer(RetryAfter, pendingOp.OnRetry ??= () => Dispatch(pendingOp));
                break;
            default:
                tally.Unavailable++;
                break;
        }
    }

    private void TimedOut(long id)
    {
        if (!pending.Remove(id, out var pendingOp))
        {
            return;
        }
        var op = pendingOp.Operation;
        if (replicas && !op.IsWrite && !op.FromReplica)
        {
            // The owner is silent (crashed, paused, cut off): its replica answers reads.
            Dispatch(new PendingOperation(op with { Id = -op.Id - 1, FromReplica = true }));
            return;
        }
        Tallies[(int)op.Strategy].Unavailable++;
    }

    private void Remind()
    {
        remindTimer = null;
        for (int i = 0; i < maps.Length; i++)
        {
            foreach (var shard in waiting[i])
            {
                Send(shard, new Rebalance((Strategy)i, maps[i]));
            }
        }
        if (IsRebalancing())
        {
            remindTimer = StartTimer(RemindEvery, Remind);
        }
    }

    private sealed class PendingOperation(ShardOperation operation)
    {
        public ShardOperation Operation { get; } = operation;
        public int Attempts { get; set; }
        public NodeTimer? Timer { get; set; }
        public Action? OnTimeout { get; set; }
        public Action? OnRetry { get; set; }
    }
}

/// <summary>How one strategy's requests ended, as running totals.</summary>
public sealed class OperationTally
{
    public long Answered { get; internal set; }

    /// <summary>Reads the replica answered because the owner was silent.</summary>
    public long FromReplica { get; internal set; }

    /// <summary>Requests no shard could serve: the owner down (and no replica), or the key moving for too long.</summary>
    public long Unavailable { get; internal set; }

    /// <summary>Tries sent again because the key was moving or had moved.</summary>
    public long Retried { get; internal set; }
}

/// <summary>Requests routed to each shard per strategy over the last few simulated seconds: the heat map's load.</summary>
public sealed class ShardLoad(SimulationClock clock)
{
    public const int WindowSeconds = 5;

    // [strategy, shard number, second of the window]
    private readonly int[,,] counts = new int[ShardingPattern.Strategies.Count, ShardingPattern.MaxShards + 1, WindowSeconds];
    private long currentSecond;

    public void Count(Strategy strategy, string shard)
    {
        Advance();
        counts[(int)strategy, ShardingPattern.ShardNumber(shard), (int)(currentSecond % WindowSeconds)]++;
    }

    /// <summary>Requests per second routed to a shard, over the last full seconds of the window.</summary>
    public double PerSecond(Strategy strategy, string shard)
    {
        Advance();
        int number = ShardingPattern.ShardNumber(shard), sum = 0;
        int current = (int)(currentSecond % WindowSeconds);
        for (int s = 0; s < WindowSeconds; s++)
        {
            if (s != current)
            {
                sum += counts[(int)strategy, number, s];
            }
        }
        long full = Math.Min(currentSecond, WindowSeconds - 1);
        return full == 0 ? 0 : sum / (double)full;
    }

    private void Advance()
    {
        long now = (long)clock.Now.TotalSeconds;
        for (long second = currentSecond + 1; second <= now && second <= currentSecond + WindowSeconds; second++)
        {
            int slot = (int)(second % WindowSeconds);
            for (int st = 0; st < counts.GetLength(0); st++)
            {
                for (int n = 0; n < counts.GetLength(1); n++)
                {
                    counts[st, n, slot] = 0;
                }
            }
        }
        currentSecond = Math.Max(currentSecond, now);
    }
}
