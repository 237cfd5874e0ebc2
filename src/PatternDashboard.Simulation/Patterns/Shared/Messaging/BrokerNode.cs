using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// The message broker: topics fan out to subscriptions, each with its own queue; consumers of one
/// subscription compete for its messages. A message is leased to one consumer until it is acknowledged;
/// an expired lease or a refusal redelivers it, and after <see cref="BrokerSettings.MaxDeliveries"/> it is
/// dead-lettered. With persistence on, what it holds survives a crash; with it off, a crash loses it.
/// </summary>
public sealed class BrokerNode : SimulationNode
{
    public const string BrokerId = "broker";

    private readonly MessagingCluster cluster;
    private readonly Dictionary<string, List<BrokerSubscription>> topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrokerSubscription> subscriptions = new(StringComparer.Ordinal);
    // A publish at or below the highest sequence accepted for its topic and key is a retry, acknowledged again.
    private readonly AcceptedSequences accepted = new();
    // Who is consuming, learned from their heartbeats; volatile, rebuilt after a restart.
    private readonly Dictionary<string, List<ConsumerLink>> consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> nextConsumer = new(StringComparer.Ordinal);

    internal BrokerNode(MessagingCluster cluster) : base(cluster, BrokerId, "Broker") => this.cluster = cluster;

    public bool Persistent { get; set; } = true;

    public IReadOnlyCollection<BrokerSubscription> Subscriptions => subscriptions.Values;

    /// <summary>Topic and key pairs whose last accepted sequence the broker remembers (bounded).</summary>
    internal int RememberedKeys => accepted.Count;

    private BrokerSettings Settings => cluster.Settings;

    private MessagingStats Stats => cluster.Stats;

    public BrokerSubscription Subscription(string name) => subscriptions[name];

    public bool Holds(string subscription, MessageId id) => subscriptions.TryGetValue(subscription, out var s) && s.Holds(id);

    /// <summary>Declares a subscription; it receives messages published from now on. Subscriptions are configuration and survive crashes.</summary>
    internal void CreateSubscription(string topic, string name)
    {
        var subscription = new BrokerSubscription(name, topic);
        if (!topics.TryGetValue(topic, out var list))
        {
            topics[topic] = list = [];
        }
        list.Add(subscription);
        subscriptions.Add(name, subscription);
        consumers[name] = [];
        nextConsumer[name] = 0;
    }

    public override void Start() => StartTimer(BrokerSettings.LeaseSweep, SweepLeases);

    protected override void OnRestart()
    {
        Log("broker", Persistent ? "Broker recovered its queues from disk" : "Broker came back empty");
        Start();
    }

    protected override void OnCrash()
    {
        foreach (var list in consumers.Values)
        {
            list.Clear();
        }
        if (Persistent)
        {
            foreach (var subscription in subscriptions.Values)
            {
                subscription.ReleaseAll();
            }
            return;
        }
        long lost = 0;
        foreach (var subscription in subscriptions.Values)
        {
            int count = subscription.Clear();
            Stats.For(subscription.Name).Lost += count;
            lost += count;
        }
        accepted.Clear();
        Log("loss", $"Persistence is off: the crash lost {lost} messages held in memory");
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case PublishRequest publish:
                Accept(from, publish);
                break;
            case ConsumerReady ready:
                Register(from, ready);
                break;
            case DeliveryAck ack:
                Acknowledge(ack);
                break;
            case DeliveryNack nack:
                Refuse(from, nack);
                break;
        }
    }

    /// <summary>Sends every dead letter back to its subscription's queue, as far as the queue has room.</summary>
    internal int ReplayDeadLetters()
    {
        int replayed = 0;
        foreach (var subscription in subscriptions.Values)
        {
            foreach (var letter in subscription.TakeDeadLetters())
            {
                if (subscription.Depth < Settings.QueueCapacity && !subscription.Contains(letter.Id))
                {
                    subscription.Enqueue(new QueuedMessage(letter.Id, letter.Poison, replayed: true, Now));
                    replayed++;
                }
                else
                {
                    subscription.AddDeadLetter(letter, Settings.DeadLetterCapacity);
                }
            }
            Dispatch(subscription);
        }
        Log("dead-letter", $"Replayed {replayed} dead letters");
        return replayed;
    }

    private void Accept(string from, PublishRequest publish)
    {
        if (!topics.TryGetValue(publish.Topic, out var targets))
        {
            Send(from, new PublishRefused(publish.Id, $"unknown topic '{publish.Topic}'"));
            return;
        }
        if (publish.Id.Sequence <= accepted.Highest(publish.Topic, publish.Id.Key))
        {
            Send(from, new PublishAck(publish.Id));
            return;
        }
        if (targets.Find(s => s.Depth >= Settings.QueueCapacity) is { } full)
        {
            Stats.RefusedFull++;
            Send(from, new PublishRefused(publish.Id, $"the queue of {full.Name} is full"));
            return;
        }
        accepted.Accept(publish.Topic, publish.Id.Key, publish.Id.Sequence);
        foreach (var subscription in targets)
        {
            subscription.Enqueue(new QueuedMessage(publish.Id, publish.Poison, replayed: false, Now));
        }
        Stats.Published++;
        cluster.Ledger.Accepted(publish.Id, targets.Select(s => s.Name));
        Send(from, new PublishAck(publish.Id));
        foreach (var subscription in targets)
        {
            Dispatch(subscription);
        }
    }

    private void Register(string from, ConsumerReady ready)
    {
        if (!consumers.TryGetValue(ready.Subscription, out var list))
        {
            return;
        }
        var link = list.Find(c => c.Id == from);
        if (link is null)
        {
            list.Add(link = new ConsumerLink(from));
            Log("consumer", $"{cluster.LabelOf(from)} consumes {ready.Subscription}");
        }
        link.LastSeen = Now;
        link.Prefetch = ready.Prefetch;
        Dispatch(subscriptions[ready.Subscription]);
    }

    private void Acknowledge(DeliveryAck ack)
    {
        if (!subscriptions.TryGetValue(ack.Subscription, out var subscription) || subscription.Head(ack.Id) is not { } head)
        {
            return; // already acknowledged or dead-lettered: a late or duplicated ack
        }
        EndLease(subscription, head);
        subscription.RemoveHead(head);
        Stats.For(subscription.Name).Acknowledged++;
        Dispatch(subscription);
    }

    private void Refuse(string from, DeliveryNack nack)
    {
        if (!subscriptions.TryGetValue(nack.Subscription, out var subscription)
            || subscription.Head(nack.Id) is not { } head || head.LeasedTo != from)
        {
            return;
        }
        EndLease(subscription, head);
        if (head.Deliveries >= Settings.MaxDeliveries)
        {
            DeadLetter(subscription, head, $"refused by the consumer {head.Deliveries} times");
        }
        Dispatch(subscription);
    }

    private void SweepLeases()
    {
        foreach (var subscription in subscriptions.Values)
        {
            bool released = false;
            foreach (var head in subscription.LeasedHeads().ToList())
            {
                if (head.LeaseExpires > Now)
                {
                    continue;
                }
                EndLease(subscription, head);
                released = true;
                if (head.Deliveries >= Settings.MaxDeliveries)
                {
                    DeadLetter(subscription, head, $"not acknowledged after {head.Deliveries} deliveries");
                }
            }
            if (released)
            {
                Dispatch(subscription);
            }
        }
        StartTimer(BrokerSettings.LeaseSweep, SweepLeases);
    }

    private void Dispatch(BrokerSubscription subscription)
    {
        var list = consumers[subscription.Name];
        while (NextConsumer(subscription.Name, list) is { } consumer && subscription.NextReady() is { } message)
        {
            nextConsumer[subscription.Name] = (list.IndexOf(consumer) + 1) % list.Count;
            subscription.Lease(message, consumer.Id, Now + Settings.AckTimeout);
            consumer.Outstanding++;
            var stats = Stats.For(subscription.Name);
            stats.Delivered++;
            if (message.Deliveries > 1)
            {
                stats.Redelivered++;
            }
            Send(consumer.Id, new Delivery(subscription.Name, message.Id, message.Deliveries, message.Poison, message.Replayed));
        }
    }

    /// <summary>The next consumer in turn that was heard from lately and has room; the turn moves on only once it gets a message.</summary>
    private ConsumerLink? NextConsumer(string subscription, List<ConsumerLink> list)
    {
        int start = nextConsumer[subscription];
        for (int i = 0; i < list.Count; i++)
        {
            var link = list[(start + i) % list.Count];
            if (link.Outstanding < link.Prefetch && Now - link.LastSeen <= Settings.ConsumerSilenceLimit)
            {
                return link;
            }
        }
        return null;
    }

    private void EndLease(BrokerSubscription subscription, QueuedMessage message)
    {
        if (message.LeasedTo is { } holder && consumers[subscription.Name].Find(c => c.Id == holder) is { } link)
        {
            link.Outstanding--;
        }
        subscription.Release(message);
    }

    private void DeadLetter(BrokerSubscription subscription, QueuedMessage message, string reason)
    {
        subscription.RemoveHead(message);
        var stats = Stats.For(subscription.Name);
        stats.DeadLettered++;
        if (subscription.AddDeadLetter(new DeadLetter(message.Id, message.Poison, message.Deliveries, reason, Now.TotalSeconds), Settings.DeadLetterCapacity) is not null)
        {
            stats.DeadLettersDiscarded++;
        }
        cluster.Ledger.DeadLettered(subscription.Name, message.Id);
        Log("dead-letter", $"{message.Id} of {subscription.Name} dead-lettered: {reason}");
    }

    private sealed class ConsumerLink(string id)
    {
        public string Id { get; } = id;

        public TimeSpan LastSeen { get; set; }

        public int Prefetch { get; set; }

        public int Outstanding { get; set; }
    }
}
