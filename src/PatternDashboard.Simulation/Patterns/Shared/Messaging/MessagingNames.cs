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

    public static class Metric
    {
        /// <summary>Messages waiting in one subscription's queue ("depth: billing").</summary>
        public static string Depth(string subscription) => $"depth: {subscription}";

        /// <summary>Age of the oldest message waiting in one subscription's queue ("lag: billing").</summary>
        public static string Lag(string subscription) => $"lag: {subscription}";
    }
}
