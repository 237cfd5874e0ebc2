using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// One consumer of a subscription. It tells the broker it is alive, buffers what it is given, processes
/// one message at a time against the subscription's store and acknowledges after the effect is applied,
/// so a crash before that leaves the message to be redelivered. A poison message always fails and is refused.
/// It also answers direct calls (no broker), for comparing events with synchronous calls.
/// </summary>
public sealed class SubscriberNode : SimulationNode
{
    private readonly MessagingCluster cluster;
    private readonly Queue<(Delivery Work, string? ReplyTo)> buffer = new();
    private (Delivery Work, string? ReplyTo)? processing;

    internal SubscriberNode(MessagingCluster cluster, string id, string label, SubscriptionStore store)
        : base(cluster, id, label)
    {
        this.cluster = cluster;
        Store = store;
        ProcessingTime = cluster.Settings.ProcessingTime;
    }

    public SubscriptionStore Store { get; }

    public string Subscription => Store.Subscription;

    /// <summary>Mean time for one message at normal speed; each service may have its own pace.</summary>
    public TimeSpan ProcessingTime { get; internal set; }

    /// <summary>Processing takes this many times longer than normal ("slow subscriber").</summary>
    public double SlowFactor { get; internal set; } = 1;

    public int Buffered => buffer.Count;

    public bool Busy => processing is not null;

    public long Processed { get; private set; }

    // Duplicated deliveries could otherwise grow the buffer without bound; beyond this they are dropped and redelivered later.
    private int BufferCapacity => 2 * cluster.Settings.Prefetch;

    public override void Start() => Heartbeat();

    protected override void OnCrash()
    {
        buffer.Clear();
        processing = null;
    }

    protected override void OnRestart() => Heartbeat();

    protected override void OnMessage(string from, IMessage message)
    {
        var work = message switch
        {
            Delivery delivery => (delivery, null),
            // A direct call (no broker): the caller waits for the reply.
            ServiceCall call => (new Delivery(Subscription, call.Id, 1, Poison: false, Replayed: false), from),
            _ => ((Delivery, string?)?)null,
        };
        if (work is null)
        {
            return;
        }
        if (buffer.Count >= BufferCapacity)
        {
            cluster.Stats.For(Subscription).ConsumerOverflow++;
            return;
        }
        buffer.Enqueue(work.Value);
        ProcessNext();
    }

    private void Heartbeat()
    {
        Send(BrokerNode.BrokerId, new ConsumerReady(Subscription, cluster.Settings.Prefetch));
        StartTimer(BrokerSettings.ConsumerHeartbeat, Heartbeat);
    }

    private void ProcessNext()
    {
        if (processing is not null || !buffer.TryDequeue(out var next))
        {
            return;
        }
        processing = next;
        var mean = ProcessingTime * SlowFactor;
        StartTimer(mean * (0.5 + Random.NextDouble()), Complete);
    }

    private void Complete()
    {
        var (done, replyTo) = processing!.Value;
        processing = null;
        if (done.Poison)
        {
            Send(BrokerNode.BrokerId, new DeliveryNack(done.Subscription, done.Id));
        }
        else
        {
            Store.Apply(done);
            Processed++;
            if (replyTo is null)
            {
                Send(BrokerNode.BrokerId, new DeliveryAck(done.Subscription, done.Id));
            }
            else
            {
                Send(replyTo, new ServiceReply(done.Id));
            }
        }
        ProcessNext();
    }
}
