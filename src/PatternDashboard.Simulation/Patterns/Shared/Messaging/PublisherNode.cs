using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// A publisher with a durable outbox: each message waits there until the broker acknowledges it, and is
/// retried until then. It owns some partition keys and has at most one publish per key on the way, so the
/// broker accepts each key's messages in order and can spot a retry by its sequence number.
/// </summary>
public class PublisherNode : SimulationNode
{
    private readonly MessagingCluster cluster;
    private readonly IReadOnlyList<int> keys;
    // The outbox and the key sequences are on disk: they survive a crash.
    private readonly SortedDictionary<int, Queue<(MessageId Id, bool Poison, TimeSpan ProducedAt)>> outbox = [];
    private readonly Dictionary<int, long> nextSequence = [];
    private readonly Dictionary<int, (MessageId Id, NodeTimer Timer)> inFlight = [];
    private NodeTimer? produceTimer;
    private int outboxCount;

    internal PublisherNode(MessagingCluster cluster, string id, string label, string topic, IReadOnlyList<int> keys, double ratePerSecond)
        : base(cluster, id, label)
    {
        this.cluster = cluster;
        this.keys = keys;
        Topic = topic;
        RatePerSecond = ratePerSecond;
        foreach (int key in keys)
        {
            outbox[key] = new Queue<(MessageId, bool, TimeSpan)>();
            nextSequence[key] = 1;
        }
    }

    public string Topic { get; }

    public IReadOnlyList<int> Keys => keys;

    public double RatePerSecond { get; private set; }

    /// <summary>Messages produced but not yet acknowledged by the broker.</summary>
    public int OutboxCount => outboxCount;

    public long Produced { get; private set; }

    public long Acknowledged { get; private set; }

    public override void Start() => ScheduleProduce();

    /// <summary>Changes the pace; the next message comes one new interval from now.</summary>
    internal void SetRate(double ratePerSecond)
    {
        RatePerSecond = ratePerSecond;
        CancelTimer(produceTimer);
        produceTimer = null;
        if (IsUp)
        {
            ScheduleProduce();
        }
    }

    /// <summary>Puts one message into the outbox now; false when the outbox is full.</summary>
    internal bool Produce(bool poison = false)
    {
        if (outboxCount >= BrokerSettings.PublisherOutboxCapacity)
        {
            cluster.Stats.OutboxOverflow++;
            return false;
        }
        int key = keys[Random.Next(keys.Count)];
        var id = new MessageId(key, nextSequence[key]++);
        Produced++;
        cluster.Stats.Produced++;
        if (Divert(id))
        {
            return true;
        }
        outbox[key].Enqueue((id, poison, Now));
        outboxCount++;
        if (poison)
        {
            Log("poison", $"{Label} publishes poison message {id}");
        }
        TrySend(key);
        return true;
    }

    /// <summary>Lets a subclass deliver a new message some other way than through the broker; true when it did.</summary>
    protected virtual bool Divert(MessageId id) => false;

    /// <summary>Called when the broker acknowledged a message, with the time since it was produced.</summary>
    protected virtual void OnAcknowledged(MessageId id, TimeSpan latency)
    {
    }

    /// <summary>Handles messages other than the broker's answers.</summary>
    protected virtual void OnOtherMessage(string from, IMessage message)
    {
    }

    protected override void OnCrash() => inFlight.Clear();

    protected override void OnRestart()
    {
        produceTimer = null;
        ScheduleProduce();
        foreach (int key in keys)
        {
            TrySend(key);
        }
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case PublishAck ack when IsInFlight(ack.Id, out var timer):
                CancelTimer(timer);
                inFlight.Remove(ack.Id.Key);
                var sent = outbox[ack.Id.Key].Dequeue();
                outboxCount--;
                Acknowledged++;
                cluster.Ledger.Acknowledged(ack.Id);
                OnAcknowledged(ack.Id, Now - sent.ProducedAt);
                TrySend(ack.Id.Key);
                break;
            case PublishRefused refused when IsInFlight(refused.Id, out var timer):
                // The broker is alive but full: back off for a while instead of hammering it.
                CancelTimer(timer);
                inFlight[refused.Id.Key] = (refused.Id, StartTimer(cluster.Settings.PublishTimeout, () => Retry(refused.Id)));
                break;
            case PublishAck or PublishRefused:
                break; // an answer to a publish already settled: a duplicate or a late one
            default:
                OnOtherMessage(from, message);
                break;
        }
    }

    private bool IsInFlight(MessageId id, out NodeTimer timer)
    {
        if (inFlight.TryGetValue(id.Key, out var entry) && entry.Id == id)
        {
            timer = entry.Timer;
            return true;
        }
        timer = null!;
        return false;
    }

    private void ScheduleProduce()
    {
        if (RatePerSecond > 0)
        {
            produceTimer = StartTimer(TimeSpan.FromSeconds(1 / RatePerSecond), () =>
            {
                Produce();
                ScheduleProduce();
            });
        }
    }

    private void TrySend(int key)
    {
        if (inFlight.ContainsKey(key) || !outbox[key].TryPeek(out var head))
        {
            return;
        }
        inFlight[key] = (head.Id, StartTimer(cluster.Settings.PublishTimeout, () => Retry(head.Id)));
        Send(BrokerNode.BrokerId, new PublishRequest(Topic, head.Id, head.Poison));
    }

    private void Retry(MessageId id)
    {
        if (inFlight.TryGetValue(id.Key, out var entry) && entry.Id == id)
        {
            inFlight.Remove(id.Key);
            cluster.Stats.PublishRetries++;
            TrySend(id.Key);
        }
    }
}
