namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>Names the broker's patterns show: node property keys and metric series; each pattern repeats the ones its pages read.</summary>
public static class MessagingNames
{
    public static class Property
    {
        // The broker.
        public const string Persistent = "persistent";
        public const string Queued = "queued";
        public const string DeadLetters = "deadLetters";

        // A publisher.
        public const string Topic = "topic";
        public const string RatePerSecond = "ratePerSecond";
        public const string Produced = "produced";
        public const string Outbox = "outbox";

        // A consumer.
        public const string Subscription = "subscription";
        public const string Buffered = "buffered";
        public const string Processed = "processed";
        public const string SlowFactor = "slowFactor";
    }

    /// <summary>A node's state while it is up (a down node shows its lifecycle word).</summary>
    public static class State
    {
        public const string Broker = "broker";
        public const string Publisher = "publisher";
        public const string Processing = "processing";
        public const string Idle = "idle";
    }

    public static class Metric
    {
        /// <summary>What every depth series' name starts with; the subscription's name follows.</summary>
        public const string DepthPrefix = "depth: ";

        /// <summary>What every lag series' name starts with; the subscription's name follows.</summary>
        public const string LagPrefix = "lag: ";

        /// <summary>Messages waiting in one subscription's queue ("depth: billing").</summary>
        public static string Depth(string subscription) => DepthPrefix + subscription;

        /// <summary>Age of the oldest message waiting in one subscription's queue ("lag: billing").</summary>
        public static string Lag(string subscription) => LagPrefix + subscription;
    }
}
