using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;
using static PatternDashboard.Simulation.Patterns.Cqrs.CqrsPattern;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// An order shop split into a write side and a read side: the shop front sends commands to the command side, which
/// validates them and appends events to the write store; replicas of a customer-orders read model and a pick-list
/// read model follow the store asynchronously, and browsers query them. Streams are orders, finished when shipped or
/// cancelled and then archived by the store, so a week-long run stays within the store's capacity.
/// </summary>
public sealed partial class CqrsCluster : SimulationBase
{
    private readonly MetricSeries lagEvents, lagSeconds, reads, writes, staleReads;
    private long readsAtSample, commitsAtSample, staleAtSample;

    public CqrsCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(CqrsPattern.Options, options))
    {
        WriteRate = Options[Option.WriteRate];
        ReadRate = Options[Option.ReadRate];
        ProjectorRate = Options[Option.ProjectorRate];
        var delay = TimeSpan.FromMilliseconds(Options[Option.NetworkDelayMs]);
        Network.Conditions = new LinkConditions(delay, delay / 2);
        // A round trip is two delays plus their tails: six keep a slow network from looking like a dead node.
        QueryTimeout = TimeSpan.FromMilliseconds(500) + 6 * delay;
        StoreTimeout = TimeSpan.FromSeconds(1) + 6 * delay;
        CommandTimeout = 2 * StoreTimeout + 6 * delay;
        var applyTime = TimeSpan.FromSeconds(1 / ProjectorRate);
        var readTimeout = ProjectorNode<ShopEvent>.DefaultReadTimeout + 6 * delay;
        Store = new WriteStoreNode(this, new EventStreamStore<ShopEvent>());
        Commands = new CommandSideNode(this);
        ShopFront = new ShopFrontNode(this);
        Browsers = new BrowsersNode(this);
        CustomerReplicas = [.. Enumerable.Range(1, (int)Options[Option.Replicas])
            .Select(n => new ReadReplicaNode(this, ReplicaId(n), $"Orders replica {n}", new CustomerOrdersView(), applyTime, readTimeout))];
        PickList = new ReadReplicaNode(this, PickListId, "Pick list", new PickListView(), applyTime, readTimeout);
        AddNode(ShopFront);
        AddNode(Commands);
        AddNode(Store);
        foreach (var replica in ReadSide)
        {
            AddNode(replica);
        }
        AddNode(Browsers);
        lagEvents = AddSeries(Metric.LagEvents, "events");
        lagSeconds = AddSeries(Metric.LagSeconds, "s");
        reads = AddSeries(Metric.Reads, "per s");
        writes = AddSeries(Metric.Writes, "per s");
        staleReads = AddSeries(Metric.StaleReads, "per s");
        Invariants.Add(new ReadModelsConvergeMonitor(this));
        Invariants.Add(new ReadYourWritesMonitor(ShopFront));
        Start();
    }

    public double WriteRate { get; }

    public double ReadRate { get; }

    public double ProjectorRate { get; }

    public TimeSpan QueryTimeout { get; }

    public TimeSpan StoreTimeout { get; }

    public TimeSpan CommandTimeout { get; }

    public WriteStoreNode Store { get; }

    public CommandSideNode Commands { get; }

    public ShopFrontNode ShopFront { get; }

    public BrowsersNode Browsers { get; }

    public IReadOnlyList<ReadReplicaNode> CustomerReplicas { get; }

    public ReadReplicaNode PickList { get; }

    /// <summary>Every read model's node: the customer-orders replicas, then the pick list.</summary>
    public IEnumerable<ReadReplicaNode> ReadSide => CustomerReplicas.Append(PickList);

    /// <summary>True while the "break it" switch has customers act on the first read after their write.</summary>
    public bool ReadAfterWrite { get; private set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => CqrsPattern.Faults;

    public long StaleReads => ReadSide.Sum(r => r.Stale);

    public long ReadsServed => ReadSide.Sum(r => r.Served);

    protected override bool AreLinked(SimulationNode a, SimulationNode b) =>
        (a, b) switch
        {
            (ShopFrontNode, CommandSideNode) or (CommandSideNode, ShopFrontNode) => true,
            (WriteStoreNode, CommandSideNode or ReadReplicaNode) or (CommandSideNode or ReadReplicaNode, WriteStoreNode) => true,
            (ReadReplicaNode, BrowsersNode) or (BrowsersNode, ReadReplicaNode) => true,
            (ReadReplicaNode r, ShopFrontNode) => r.ServesCustomers,
            (ShopFrontNode, ReadReplicaNode r) => r.ServesCustomers,
            _ => false,
        };

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        var properties = new Dictionary<string, object?>();
        string state = lifecycle;
        switch (node)
        {
            case WriteStoreNode store:
                properties[Property.Head] = store.Store.HeadPosition;
                state = node.IsUp ? $"head {store.Store.HeadPosition}, {store.Open.Count} open" : lifecycle;
                break;
            case ReadReplicaNode replica:
                properties[Property.Checkpoint] = replica.Checkpoint;
                properties[Property.Lag] = replica.Backlog;
                properties[Property.Stopped] = replica.IsStopped;
                state = !node.IsUp ? lifecycle
                    : replica.IsStopped ? $"stopped, {replica.Backlog} behind"
                    : replica.RebuildTarget is not null ? $"rebuilding {replica.RebuildProgress:P0}"
                    : replica.Backlog == 0 ? "caught up" : $"{replica.Backlog} behind";
                break;
            case CommandSideNode commands:
                state = node.IsUp ? (commands.Queued == 0 ? "idle" : $"{commands.Queued} queued") : lifecycle;
                break;
            default:
                state = node.IsUp ? "running" : lifecycle;
                break;
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, properties);
    }

    protected override void SampleMetrics()
    {
        double seconds = SampleInterval.TotalSeconds;
        Record(lagEvents, ReadSide.Max(r => r.Backlog));
        Record(lagSeconds, ReadSide.Max(r => r.SecondsBehind));
        long served = ReadsServed, commits = Commands.Committed, stale = StaleReads;
        Record(reads, (served - readsAtSample) / seconds);
        Record(writes, (commits - commitsAtSample) / seconds);
        Record(staleReads, (stale - staleAtSample) / seconds);
        (readsAtSample, commitsAtSample, staleAtSample) = (served, commits, stale);
    }

    protected override object? DescribeDetails() => DetailsOf();
}
