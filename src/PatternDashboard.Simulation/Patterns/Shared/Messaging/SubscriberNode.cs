using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// One consumer of a subscription. It tells the broker it is alive, buffers what it is given, processes
/// one message at a time against the subscription's store and acknowledges after the effect is applied,
/// so a crash before that leaves the message to be redelivered. A poison message always fails and is refused.
/// A pattern may derive from it to take work from elsewhere too.
/// </summary>
public class SubscriberNode : SimulationNode
{
    private readonly MessagingCluster cluster;
    private readonly Queue<Delivery> buffer = new();
    private Delivery? processing;

    protected internal SubscriberNode(MessagingCluster cluster, string id, string label, SubscriptionStore store)
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
        if (message is Delivery delivery)
        {
            Enqueue(delivery);
        }
        else
        {
            OnOtherMessage(from, message);
        }
    }

    /// <summary>Handles a message that is not a delivery from the broker; ignored unless a derived node says otherwise.</summary>
    protected virtual void OnOtherMessage(string from, IMessage message)
    {
    }

    /// <summary>Buffers work to process in turn; beyond the buffer's capacity it is dropped and counted.</summary>
    /// <returns>False when the work was dropped.</returns>
    protected bool Enqueue(Delivery work)
    {
        if (buffer.Count >= BufferCapacity)
        {
            cluster.Stats.For(Subscription).ConsumerOverflow++;
            return false;
        }
        buffer.Enqueue(work);
        ProcessNext();
        return true;
    }

    /// <summary>Reports processed work: by default an acknowledgement to the broker.</summary>
    protected virtual void Finished(Delivery done) => Send(BrokerNode.BrokerId, new DeliveryAck(done.Subscription, done.Id));

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
        var done = processing!;
        processing = null;
        if (done.Poison)
        {
            Send(BrokerNode.BrokerId, new DeliveryNack(done.Subscription, done.Id));
        }
        else
        {
            Store.Apply(done);
            Processed++;
            Finished(done);
        }
        ProcessNext();
    }
}
