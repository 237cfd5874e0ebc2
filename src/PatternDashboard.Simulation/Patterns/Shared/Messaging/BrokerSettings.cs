namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>The knobs of a messaging cluster: broker limits, consumer pace and publisher behaviour.</summary>
/// <param name="AckTimeout">How long a lease lasts; an unacknowledged message is redelivered after it.</param>
/// <param name="MaxDeliveries">Deliveries a message gets before it goes to the dead-letter queue.</param>
/// <param name="QueueCapacity">Messages a subscription may hold (waiting plus leased); a full one refuses publishes.</param>
/// <param name="DeadLetterCapacity">Dead letters kept per subscription; the oldest is discarded (and counted) beyond it.</param>
/// <param name="Prefetch">Unacknowledged messages one consumer may hold.</param>
/// <param name="ProcessingTime">Mean time a consumer takes for one message.</param>
/// <param name="NetworkDelay">Typical one-way delay of a message.</param>
public sealed record BrokerSettings(
    TimeSpan AckTimeout,
    int MaxDeliveries,
    int QueueCapacity,
    int DeadLetterCapacity,
    int Prefetch,
    TimeSpan ProcessingTime,
    TimeSpan NetworkDelay)
{
    /// <summary>How often a consumer says it is alive; the broker stops delivering to one silent for three of these.</summary>
    public static readonly TimeSpan ConsumerHeartbeat = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the broker looks for expired leases.</summary>
    public static readonly TimeSpan LeaseSweep = TimeSpan.FromMilliseconds(50);

    /// <summary>Messages a publisher may keep waiting for the broker; beyond it new messages are not produced (counted).</summary>
    public const int PublisherOutboxCapacity = 1_000;

    /// <summary>Message ids a consumer store remembers to spot duplicates; an older duplicate would slip through.</summary>
    public const int DedupWindow = 10_000;

    public TimeSpan ConsumerSilenceLimit => 3 * ConsumerHeartbeat;

    /// <summary>Long enough for a round trip at the configured delay, so a slow link is not mistaken for a lost message.</summary>
    public TimeSpan PublishTimeout => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(500).Ticks, 6 * NetworkDelay.Ticks));
}
