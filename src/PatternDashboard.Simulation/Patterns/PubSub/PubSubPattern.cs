using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.PubSub;

/// <summary>Publisher-Subscriber on a simulated broker: identity, options, faults and explanation.</summary>
public static class PubSubPattern
{
    public const string Id = "pub-sub";

    /// <summary>Node ids: the broker; publishers are pub-1, pub-2...; consumers are named after their subscription (billing-1).</summary>
    public const string BrokerId = BrokerNode.BrokerId;

    // The node properties pages read are the shared broker's: MessagingNames.Property.

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string DepthPrefix = MessagingNames.Metric.DepthPrefix;
        public const string LagPrefix = MessagingNames.Metric.LagPrefix;

        public static string Depth(string subscription) => MessagingNames.Metric.Depth(subscription);

        public static string Lag(string subscription) => MessagingNames.Metric.Lag(subscription);
    }

    public const string Topic = "orders";

    /// <summary>Names of the subscriptions, in the order they are created (the first ones at the start).</summary>
    public static IReadOnlyList<string> SubscriptionNames { get; } = ["billing", "analytics", "audit", "search", "shipping", "loyalty"];

    public const int MaxConsumersPerSubscription = 6;

    public static class Option
    {
        public const string Publishers = "publishers";
        public const string PublishRate = "publishRate";
        public const string Subscriptions = "subscriptions";
        public const string ConsumersPerSubscription = "consumersPerSubscription";
        public const string PartitionKeys = "partitionKeys";
        public const string AckTimeoutMs = "ackTimeoutMs";
        public const string MaxDeliveries = "maxDeliveries";
        public const string QueueCapacity = "queueCapacity";
        public const string ProcessingTimeMs = "processingTimeMs";
        public const string Prefetch = "prefetch";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string Poison = "poison";
        public const string AddSubscription = "add-subscription";
        public const string AddConsumer = "add-consumer";
        public const string PublishRate = "publish-rate";
        public const string ReplayDeadLetters = "replay-dead-letters";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.Publishers, "Publishers", "How many publishers send to the topic.", 1, 4, 2, "nodes", IsInteger: true),
        new(Option.PublishRate, "Publish rate", "Messages each publisher produces per second.", 0, 200, 5, "per s"),
        new(Option.Subscriptions, "Subscriptions", "Subscriptions of the topic at the start; each gets its own copy of every message.", 1, 4, 2, "", IsInteger: true),
        new(Option.ConsumersPerSubscription, "Consumers per subscription", "Competing consumers sharing one subscription's queue.", 1, 4, 2, "nodes", IsInteger: true),
        new(Option.PartitionKeys, "Partition keys", "Distinct keys (say, customers); messages of one key are processed in order.", 1, 16, 6, "keys", IsInteger: true),
        new(Option.AckTimeoutMs, "Ack timeout", "How long a consumer has to acknowledge before the message is redelivered.", 100, 10000, 1000, "ms", IsInteger: true),
        new(Option.MaxDeliveries, "Max deliveries", "Deliveries before a message goes to the dead-letter queue.", 1, 20, 5, "", IsInteger: true),
        new(Option.QueueCapacity, "Queue capacity", "Messages a subscription may hold; a full one makes the broker refuse publishes.", 10, 10000, 500, "messages", IsInteger: true),
        new(Option.ProcessingTimeMs, "Processing time", "Mean time a consumer spends on one message.", 1, 2000, 60, "ms"),
        new(Option.Prefetch, "Prefetch", "Unacknowledged messages one consumer may hold.", 1, 50, 4, "messages", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 1000, 10, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        .. MessagingCluster.SharedFaults,
        MessagingCluster.BreakPersistence([
            // Slow consumers leave messages on the broker; its crash then loses them.
            new FaultRequest(MessagingCluster.BrokerFault.Slow, "billing-1", 100),
            new FaultRequest(MessagingCluster.BrokerFault.Slow, "billing-2", 100),
            new FaultRequest(LifecycleFaults.Crash, BrokerNode.BrokerId),
        ]),
        MessagingCluster.BreakIdempotency,
        new(Fault.Poison, "Publish a poison message", "Publishes a message every consumer fails on: it is refused until it reaches the dead-letter queue, holding up its key meanwhile.", IsInstant: true),
        new(Fault.AddSubscription, "Add a subscription", "Adds a subscription with one consumer; it receives every message published from now on.", IsInstant: true),
        new(Fault.AddConsumer, "Add a consumer", "Adds a competing consumer to a subscription (numbered from 1 in the order shown).", IsInstant: true,
            Parameter: new FaultParameter("subscription", 1, SubscriptionNames.Count, "#", 1)),
        new(Fault.PublishRate, "Change publish rate", "Sets how many messages each publisher produces per second.", IsInstant: true,
            Parameter: new FaultParameter("rate", 0, 200, "per s", 20)),
        new(Fault.ReplayDeadLetters, "Replay dead letters", "Sends every dead letter back to its subscription's queue for another try.", IsInstant: true),
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "A service that calls every interested party directly must know them all, wait for them all and fail when one is down. " +
                 "Adding a new consumer means changing the sender, and a burst of work overwhelms the slowest receiver.",
        HowItWorks: "Publishers send messages to a topic on a broker and move on once the broker has stored them. Each subscription " +
                    "of the topic gets its own copy in its own queue (fan-out); the consumers of one subscription share that queue, " +
                    "each message going to one of them (competing consumers). A consumer acknowledges a message after processing it; " +
                    "without an acknowledgement in time the broker delivers it again, and after too many attempts it parks it in a " +
                    "dead-letter queue. Delivery is at least once, so consumers remember what they processed and skip duplicates.",
        Benefits:
        [
            "Publishers and subscribers do not know each other; new subscribers join without touching publishers.",
            "Queues absorb bursts and outages: a crashed consumer catches up when it returns.",
            "Competing consumers scale a subscription out; partition keys keep each key's messages in order.",
        ],
        TradeOffs:
        [
            "At-least-once delivery means duplicates: consumers must be idempotent.",
            "The broker is a critical component: without persistence a crash loses what it holds.",
            "Poison messages need a dead-letter queue and someone to look at it.",
            "End-to-end flow is harder to follow than a direct call, and results arrive later.",
        ],
        UsedBy:
        [
            "Apache Kafka (topics, partitions, consumer groups).",
            "RabbitMQ (exchanges, queues, acknowledgements, dead-letter exchanges).",
            "Google Cloud Pub/Sub and Azure Service Bus (subscriptions, ack deadlines, dead-letter topics).",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Publisher-Subscriber",
        "A broker fans messages out to subscriptions with their own queues; crash consumers and the broker and count what survives.",
        Info,
        Options,
        (seed, options) => new PubSubCluster(seed, options));
}
