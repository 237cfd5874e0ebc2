using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// A read store: a projector that follows the write store and answers queries from its own read model, whatever its
/// lag. Every answer carries its checkpoint, so a reader can tell whether it includes a write it made. Several with
/// the same projection are replicas: reads spread over them.
/// </summary>
public sealed class ReadReplicaNode : ProjectorNode<ShopEvent>
{
    private readonly CqrsCluster cluster;

    public ReadReplicaNode(CqrsCluster cluster, string id, string label, IProjection<ShopEvent> projection, TimeSpan applyTime, TimeSpan readTimeout)
        : base(cluster, id, label, CqrsPattern.WriteStoreId, projection, applyTime, readTimeout)
    {
        this.cluster = cluster;
        BaseApplyTime = applyTime;
    }

    /// <summary>The apply time it was built with; "slow the projector" multiplies it.</summary>
    public TimeSpan BaseApplyTime { get; }

    public long Served { get; private set; }

    /// <summary>Answers given while the write store already held events this read model had not applied.</summary>
    public long Stale { get; private set; }

    /// <summary>Events applied per second at full speed: the throughput that turns a backlog into seconds.</summary>
    public double Throughput => ApplyTime > TimeSpan.Zero ? 1 / ApplyTime.TotalSeconds : double.PositiveInfinity;

    /// <summary>Events behind the write store's real head (the projector's own <see cref="ProjectorNode{TEvent}.Lag"/> knows only the head it last heard).</summary>
    public long Backlog => Math.Max(0, cluster.Store.Store.HeadPosition - Checkpoint);

    /// <summary>Seconds behind: the backlog over the throughput.</summary>
    public double SecondsBehind => Backlog * ApplyTime.TotalSeconds;

    public bool ServesCustomers => Projection is CustomerOrdersView;

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not QueryRequest query)
        {
            base.OnMessage(from, message);
            return;
        }
        Served++;
        if (Backlog > 0)
        {
            Stale++;
        }
        var reply = Projection switch
        {
            CustomerOrdersView orders => new QueryReply(query.RequestId, orders.OrdersOf(query.Customer ?? ""), 0, Checkpoint),
            PickListView pick => new QueryReply(query.RequestId, [], pick.Units.Values.Sum(), Checkpoint),
            _ => new QueryReply(query.RequestId, [], 0, Checkpoint),
        };
        Send(from, reply);
    }
}
