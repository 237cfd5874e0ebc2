using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>
/// Clients, a router and eight shard nodes, some in service and the rest spares. The same keys are stored three times,
/// once per strategy, on the same shards. Faults live in ShardingFaults.cs, monitors in ShardingInvariants.cs.
/// </summary>
public sealed partial class ShardingCluster : SimulationBase
{
    public const int MaxRebalanceHistory = 8;

    private readonly List<ShardNode> shards = [];
    private readonly List<RebalanceRecord> history = [];
    private readonly RebalanceRecord?[] lastMoves = new RebalanceRecord?[Strategies.Count];
    private readonly long[] movedTotals = new long[Strategies.Count];
    private readonly string?[] ownerAudits = new string?[Strategies.Count];
    private readonly string?[] lossAudits = new string?[Strategies.Count];
    private readonly KeyHasher hasher;
    private readonly MetricSeries answeredSeries, unavailableSeries, transitSeries;
    private long answeredAtSample, unavailableAtSample;
    private string? retiring;
    private bool ringBackWhenDone;

    public ShardingCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(ShardingPattern.Options, options))
    {
        KeyCount = (int)Options[Option.Keys];
        VirtualNodes = (int)Options[Option.VirtualNodes];
        ReplicasOn = Options[Option.Replicas] > 0;
        hasher = new KeyHasher(Random.Derive("key-hash").NextUInt64());
        Ledgers = [.. Strategies.Select(_ => new KeyLedger(KeyCount))];
        Settings = new ShardingSettings(Options[Option.OpsPerSecond], Options[Option.WritePercent] / 100,
            Random.Derive("hot-key").Next(KeyCount), 0, SequentialKeys: false);
        Network.Conditions = new LinkConditions(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1));

        string[] members = [.. Enumerable.Range(1, (int)Options[Option.Shards]).Select(ShardId)];
        ShardMap[] maps = [new ModuloMap(0, members, hasher), new RingMap(0, members, VirtualNodes, hasher), RangeMap.Even(0, members, KeyCount)];
        Clients = new ClientsNode(this, ClientsId, RouterId, KeyCount, () => Settings);
        Router = new RouterNode(this, RouterId, maps, KeyCount, ReplicasOn) { Completed = OnRebalanced };
        AddNode(Clients);
        AddNode(Router);
        for (int number = 1; number <= MaxShards; number++)
        {
            var shard = new ShardNode(this, ShardId(number), $"Shard {number}", RouterId, Ledgers);
            shards.Add(shard);
            AddNode(shard);
            if (members.Contains(shard.Id))
            {
                foreach (var strategy in Strategies)
                {
                    shard.Load(strategy, maps[(int)strategy], KeyCount, ReplicasOn);
                }
            }
        }
        answeredSeries = AddSeries(Metric.Answered, "per s");
        unavailableSeries = AddSeries(Metric.Unavailable, "per s");
        transitSeries = AddSeries(Metric.InTransit, "keys");
        Invariants.Add(new OneOwnerMonitor(this));
        Invariants.Add(new NoKeyLostMonitor(this));
        Invariants.Add(new FairMovesMonitor(this));
        Start();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => ShardingPattern.Faults;

    public int KeyCount { get; }

    public int VirtualNodes { get; }

    public bool ReplicasOn { get; }

    public ShardingSettings Settings { get; private set; }

    public ClientsNode Clients { get; }

    public RouterNode Router { get; }

    public IReadOnlyList<ShardNode> Shards => shards;

    /// <summary>One per strategy, in <see cref="Strategies"/> order.</summary>
    public IReadOnlyList<KeyLedger> Ledgers { get; }

    /// <summary>True while the break-it switch is on: the ring store's next map is hash modulo N.</summary>
    public bool ModuloPlacement { get; private set; }

    /// <summary>The shards in service (the same for every strategy).</summary>
    public IReadOnlyList<string> Members => Router.MapOf(Strategy.Modulo).Members;

    public IReadOnlyList<RebalanceRecord> History => history;

    /// <summary>The latest rebalance of a strategy's store (a change of shards or a new placement), or null before any.</summary>
    public RebalanceRecord? LastMove(Strategy strategy) => lastMoves[(int)strategy];

    public long MovedTotal(Strategy strategy) => movedTotals[(int)strategy];

    /// <summary>What the check at the end of a strategy's latest rebalance found wrong with ownership, or null.</summary>
    public string? OwnerAudit(Strategy strategy) => ownerAudits[(int)strategy];

    /// <summary>What the check at the end of a strategy's latest rebalance found missing or stale, or null.</summary>
    public string? LossAudit(Strategy strategy) => lossAudits[(int)strategy];

    public ShardNode Shard(string id) => shards.First(s => s.Id == id);

    // Every request goes through the router; handoffs between shards are drawn as they fly, without a line per pair.
    protected override bool AreLinked(SimulationNode a, SimulationNode b) => a == Router || b == Router;

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        var properties = new Dictionary<string, object?>();
        string state;
        switch (node)
        {
            case ShardNode shard:
                bool inService = Members.Contains(shard.Id);
                properties[Property.Role] = "shard";
                properties[Property.InService] = inService;
                properties[Property.KeysModulo] = shard.KeysOwned(Strategy.Modulo);
                properties[Property.KeysRing] = shard.KeysOwned(Strategy.Ring);
                properties[Property.KeysRange] = shard.KeysOwned(Strategy.Range);
                properties[Property.HandingOff] = shard.HandingOff;
                state = !shard.IsUp ? lifecycle
                    : shard.HandingOff > 0 ? State.HandingOff
                    : inService ? State.Serving
                    : State.Spare;
                break;
            case RouterNode router:
                properties[Property.Role] = "router";
                properties[Property.Requests] = router.PendingCount;
                state = router.IsRebalancing() ? State.Rebalancing : State.Routing;
                break;
            default:
                properties[Property.Role] = "clients";
                properties[Property.Requests] = Clients.Sent;
                state = node.IsUp ? State.Sending : lifecycle;
                break;
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, properties);
    }

    protected override object? DescribeDetails() => DetailsOf();

    protected override void SampleMetrics()
    {
        long answered = Router.Tallies.Sum(t => t.Answered + t.FromReplica), unavailable = Router.Tallies.Sum(t => t.Unavailable);
        Record(answeredSeries, (answered - answeredAtSample) / SampleInterval.TotalSeconds);
        Record(unavailableSeries, (unavailable - unavailableAtSample) / SampleInterval.TotalSeconds);
        Record(transitSeries, Ledgers.Sum(l => l.InTransit));
        (answeredAtSample, unavailableAtSample) = (answered, unavailable);
    }

    /// <summary>Makes each store's map for the new set of shards, measures what it moves, and hands the maps to the router.</summary>
    private void ChangeShards(string? added, string? removed)
    {
        var before = Members;
        IReadOnlyList<string> after = added is not null ? [.. before, added] : [.. before.Where(m => m != removed)];
        var changes = Strategies.Select(s => (s, NextMap(s, after, added, removed))).ToList();
        string change = added is not null ? $"{Shard(added).Label} added" : $"{Shard(removed!).Label} removed";
        Note(new RebalanceRecord(Clock.Now.TotalSeconds, change, true, before.Count, after.Count,
            [.. changes.Select(c => Measure(c.s, Router.MapOf(c.s), c.Item2, added, removed))]));
        Log.Append(RouterId, "rebalance", $"{change}: {before.Count} to {after.Count} shards; every store rebalances");
        Router.Rebalance(changes);
    }

    private ShardMap NextMap(Strategy strategy, IReadOnlyList<string> members, string? added, string? removed)
    {
        int epoch = Router.MapOf(strategy).Epoch + 1;
        return strategy switch
        {
            Strategy.Modulo => new ModuloMap(epoch, members, hasher),
            Strategy.Ring when ModuloPlacement => new ModuloMap(epoch, members, hasher),
            Strategy.Ring => new RingMap(epoch, members, VirtualNodes, hasher),
            _ => added is not null ? ((RangeMap)Router.MapOf(strategy)).WithAdded(added) : ((RangeMap)Router.MapOf(strategy)).WithRemoved(removed!),
        };
    }

    /// <summary>Puts the ring store back on its ring after the switch is undone.</summary>
    private void RingBack()
    {
        var map = new RingMap(Router.MapOf(Strategy.Ring).Epoch + 1, Members, VirtualNodes, hasher);
        Note(new RebalanceRecord(Clock.Now.TotalSeconds, "consistent hashing back on its ring", false, Members.Count, Members.Count,
            [Measure(Strategy.Ring, Router.MapOf(Strategy.Ring), map, null, null)]));
        Log.Append(RouterId, "rebalance", "The consistent-hashing store goes back to its ring");
        Router.Rebalance([(Strategy.Ring, map)]);
    }

    private StrategyMove Measure(Strategy strategy, ShardMap before, ShardMap after, string? added, string? removed)
    {
        int moved = 0, needless = 0;
        for (int key = 0; key < KeyCount; key++)
        {
            string from = before.OwnerOf(key), to = after.OwnerOf(key);
            if (from != to)
            {
                moved++;
                needless += to != added && from != removed ? 1 : 0;
            }
        }
        int n = before.Members.Count;
        // What the strategy itself should move, whatever the switch made its map: the ring keeps its promise of 1/(N+1).
        double expected = (strategy, added) switch
        {
            _ when added is null && removed is null => 1, // a new placement of the same shards may move any key
            (Strategy.Modulo, not null) => n / (n + 1.0),
            (Strategy.Modulo, null) => (n - 1.0) / n,
            (Strategy.Ring, not null) => 1 / (n + 1.0),
            (Strategy.Ring, null) => 1.0 / n,
            (_, not null) => ((RangeMap)after).Ranges.Where(x => x.Owner == added).Sum(x => x.End - x.Start) / (double)KeyCount,
            _ => ((RangeMap)before).Ranges.Where(x => x.Owner == removed).Sum(x => x.End - x.Start) / (double)KeyCount,
        };
        return new StrategyMove(StrategyId(strategy), moved, Math.Round(moved / (double)KeyCount, 4), Math.Round(expected, 4), needless);
    }

    private void Note(RebalanceRecord record)
    {
        history.Add(record);
        if (history.Count > MaxRebalanceHistory)
        {
            history.RemoveAt(0);
        }
        foreach (var move in record.Moves)
        {
            int index = (int)Strategies.First(s => StrategyId(s) == move.Strategy);
            lastMoves[index] = record;
            movedTotals[index] += move.Moved;
        }
    }

    private void OnRebalanced(Strategy strategy)
    {
        Audit(strategy);
        if (Router.IsRebalancing())
        {
            return;
        }
        if (retiring is not null)
        {
            var shard = Shard(retiring);
            shard.Retire();
            Log.Append(shard.Id, "rebalance", $"{shard.Label} has handed off every key and stands by as a spare");
            retiring = null;
        }
        if (ringBackWhenDone)
        {
            ringBackWhenDone = false;
            RingBack();
        }
    }

    /// <summary>The check at the end of a rebalance, against the shards' real data: each key on the shard its map names, at the version last acknowledged.</summary>
    private void Audit(Strategy strategy)
    {
        var map = Router.MapOf(strategy);
        var byId = shards.ToDictionary(s => s.Id);
        string? owner = null, loss = null;
        for (int key = 0; key < KeyCount && (owner is null || loss is null); key++)
        {
            var holder = byId[map.OwnerOf(key)];
            if (!holder.Owns(strategy, key, out long version))
            {
                owner ??= $"{KeyName(key)} is not on {holder.Label}, which the {StrategyTitle(strategy)} map names as its owner.";
            }
            else if (version < Router.AckedVersion(strategy, key))
            {
                loss ??= $"{KeyName(key)} is at version {version} on {holder.Label} but write {Router.AckedVersion(strategy, key)} was acknowledged.";
            }
        }
        ownerAudits[(int)strategy] = owner;
        lossAudits[(int)strategy] = loss;
    }
}

/// <summary>One rebalance: what changed and what each store it touched moved.</summary>
/// <param name="Time">Simulated second it started.</param>
/// <param name="ShardsChanged">True for a shard added or removed; false for a store changing its placement alone.</param>
public sealed record RebalanceRecord(double Time, string Change, bool ShardsChanged, int From, int To, IReadOnlyList<StrategyMove> Moves)
{
    public StrategyMove? MoveOf(Strategy strategy) => Moves.FirstOrDefault(m => m.Strategy == ShardingPattern.StrategyId(strategy));
}

/// <summary>What one store moved in one rebalance.</summary>
/// <param name="Share">Moved keys as a share of all keys, 0 to 1.</param>
/// <param name="ExpectedShare">What the strategy should move: N/(N+1) for modulo, 1/(N+1) for the ring (also while the switch
/// places it by modulo), the new or removed range for ranges; 1 for a new placement of the same shards.</param>
/// <param name="Needless">Keys that moved between shards in service before and after: none for the ring and ranges.</param>
public sealed record StrategyMove(string Strategy, int Moved, double Share, double ExpectedShare, int Needless);
