using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// A broker, its publishers and its subscribers on the simulated network, with the ledger and monitors that
/// check them. Pub/Sub and Event-Driven build on it; its own faults live in MessagingFaults.cs.
/// </summary>
public abstract partial class MessagingCluster : SimulationBase
{
    /// <summary>Dead letters a page gets per subscription (the newest).</summary>
    public const int DeadLettersShown = 20;

    private readonly List<PublisherNode> publishers = [];
    private readonly List<SubscriberNode> subscribers = [];
    private readonly Dictionary<string, SubscriptionStore> stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (MetricSeries Depth, MetricSeries Lag)> subscriptionSeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);

    protected MessagingCluster(PatternDescriptor pattern, long seed, IReadOnlyDictionary<string, double> options, BrokerSettings settings)
        : base(pattern, seed, options)
    {
        Settings = settings;
        Network.Conditions = new LinkConditions(settings.NetworkDelay, settings.NetworkDelay / 2);
        Stats = new MessagingStats();
        Ledger = new MessageLedger(Stats);
        Broker = new BrokerNode(this);
        Register(Broker);
    }

    /// <summary>The broker's own promises (acknowledged publishes survive, effects once, key order), which every pattern on it keeps.</summary>
    protected void AddBrokerInvariants()
    {
        Invariants.Add(new AcknowledgedPublishMonitor(this));
        Invariants.Add(new EffectsOnceMonitor(Stats));
        Invariants.Add(new KeyOrderMonitor(Stats));
    }

    public BrokerSettings Settings { get; }

    public MessagingStats Stats { get; }

    public MessageLedger Ledger { get; }

    public BrokerNode Broker { get; }

    public IReadOnlyList<PublisherNode> Publishers => publishers;

    public IReadOnlyList<SubscriberNode> Subscribers => subscribers;

    public IReadOnlyCollection<SubscriptionStore> Stores => stores.Values;

    public bool Idempotent { get; private set; } = true;

    public SubscriptionStore Store(string subscription) => stores[subscription];

    public IEnumerable<SubscriberNode> ConsumersOf(string subscription) => subscribers.Where(s => s.Subscription == subscription);

    // Publishers and subscribers only ever talk to the broker.
    protected override bool AreLinked(SimulationNode a, SimulationNode b) => a == Broker || b == Broker;

    /// <summary>No fault active and every node up: the state in which backlogs must drain.</summary>
    public bool IsHealthy => Faults.Count == 0 && Nodes.All(n => n.IsUp);

    /// <summary>Messages still to be processed anywhere: publisher outboxes plus subscription queues.</summary>
    public long Backlog => publishers.Sum(p => (long)p.OutboxCount) + Broker.Subscriptions.Sum(s => (long)s.Depth);

    internal string LabelOf(string id) => labels.GetValueOrDefault(id, id);

    /// <summary>The broker's part of the details, which each broker pattern reports within its own.</summary>
    public MessagingDetails BrokerDetails()
    {
        var subscriptions = Broker.Subscriptions.Select(DetailsOf).ToList();
        return new MessagingDetails(
            Stats.Produced, Stats.Published, Stats.Sum(s => s.Delivered), Stats.Sum(s => s.Acknowledged), Stats.Sum(s => s.Redelivered),
            Stats.Sum(s => s.DeadLettered), Stats.Sum(s => s.DuplicatesSkipped), Stats.Sum(s => s.DuplicateEffects), Stats.Sum(s => s.Lost),
            Ledger.LostAcknowledged, Stats.RefusedFull, Stats.OutboxOverflow, Stats.PublishRetries,
            Broker.Persistent, Idempotent, Broker.IsUp, publishers.Sum(p => p.RatePerSecond), Settings.QueueCapacity, subscriptions);
    }

    protected PublisherNode AddPublisher(string id, string label, string topic, IReadOnlyList<int> keys, double ratePerSecond) =>
        AddPublisher(new PublisherNode(this, id, label, topic, keys, ratePerSecond));

    protected T AddPublisher<T>(T publisher)
        where T : PublisherNode
    {
        publishers.Add(publisher);
        Register(publisher);
        return publisher;
    }

    /// <summary>Declares a subscription with its store and charts; it gets messages published from now on.</summary>
    protected void AddSubscription(string topic, string name)
    {
        Broker.CreateSubscription(topic, name);
        stores[name] = new SubscriptionStore(name, Ledger, Stats.For(name)) { Idempotent = Idempotent };
        subscriptionSeries[name] = (AddSeries(MessagingNames.Metric.Depth(name), "messages"), AddSeries(MessagingNames.Metric.Lag(name), "s"));
    }

    /// <summary>Adds a consumer to a subscription; after the start it joins at once, competing for the same queue.</summary>
    /// <param name="create">Builds the node from its id, label and store, for a pattern whose consumers do more; null for a plain one.</param>
    protected SubscriberNode AddConsumer(string subscription, string label, Func<string, string, SubscriptionStore, SubscriberNode>? create = null)
    {
        int number = ConsumersOf(subscription).Count() + 1;
        string id = $"{subscription}-{number}";
        var consumer = create?.Invoke(id, $"{label} {number}", stores[subscription]) ?? new SubscriberNode(this, id, $"{label} {number}", stores[subscription]);
        subscribers.Add(consumer);
        Register(consumer);
        if (IsStarted)
        {
            consumer.Start();
        }
        return consumer;
    }

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleWord(node.Lifecycle);
        return node switch
        {
            BrokerNode broker => new NodeView(broker.Id, broker.Label, broker.IsUp ? MessagingNames.State.Broker : lifecycle, broker.IsUp, lifecycle, new Dictionary<string, object?>
            {
                [MessagingNames.Property.Persistent] = broker.Persistent,
                [MessagingNames.Property.Queued] = broker.Subscriptions.Sum(s => s.Depth),
                [MessagingNames.Property.DeadLetters] = broker.Subscriptions.Sum(s => s.DeadLetters.Count),
            }),
            PublisherNode publisher => new NodeView(publisher.Id, publisher.Label, publisher.IsUp ? MessagingNames.State.Publisher : lifecycle, publisher.IsUp, lifecycle, new Dictionary<string, object?>
            {
                [MessagingNames.Property.Topic] = publisher.Topic,
                [MessagingNames.Property.RatePerSecond] = publisher.RatePerSecond,
                [MessagingNames.Property.Produced] = publisher.Produced,
                [MessagingNames.Property.Outbox] = publisher.OutboxCount,
            }),
            SubscriberNode consumer => new NodeView(consumer.Id, consumer.Label, consumer.IsUp ? (consumer.Busy ? MessagingNames.State.Processing : MessagingNames.State.Idle) : lifecycle, consumer.IsUp, lifecycle, new Dictionary<string, object?>
            {
                [MessagingNames.Property.Subscription] = consumer.Subscription,
                [MessagingNames.Property.Buffered] = consumer.Buffered,
                [MessagingNames.Property.Processed] = consumer.Processed,
                [MessagingNames.Property.SlowFactor] = consumer.SlowFactor,
            }),
            _ => DescribeOther(node),
        };
    }

    /// <summary>Describes nodes a pattern adds beyond broker, publishers and consumers.</summary>
    protected virtual NodeView DescribeOther(SimulationNode node) =>
        new(node.Id, node.Label, LifecycleWord(node.Lifecycle), node.IsUp, LifecycleWord(node.Lifecycle), new Dictionary<string, object?>());

    protected override void SampleMetrics()
    {
        foreach (var subscription in Broker.Subscriptions)
        {
            var (depth, lag) = subscriptionSeries[subscription.Name];
            Record(depth, subscription.Depth);
            Record(lag, subscription.Lag(Clock.Now).TotalSeconds);
        }
    }

    protected void Register(SimulationNode node)
    {
        labels[node.Id] = node.Label;
        AddNode(node);
    }

    internal static string LifecycleWord(NodeLifecycle lifecycle) => LifecycleFaults.LifecycleWord(lifecycle);

    private SubscriptionDetails DetailsOf(BrokerSubscription subscription)
    {
        var stats = Stats.For(subscription.Name);
        return new SubscriptionDetails(
            subscription.Name, subscription.Topic, [.. ConsumersOf(subscription.Name).Select(c => c.Id)],
            subscription.Depth, subscription.Leased, subscription.Lag(Clock.Now).TotalSeconds,
            stats.Delivered, stats.Redelivered, stats.Acknowledged, stats.DeadLettered, stats.DeadLettersDiscarded, stats.Lost,
            stats.DuplicatesSkipped, stats.Effects, stats.UniqueEffects, stats.DuplicateEffects, stats.OutOfOrder, stores[subscription.Name].Records, subscription.DeadLetters.Count,
            [.. subscription.DeadLetters.Reverse().Take(DeadLettersShown)]);
    }
}
