namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>One subscription as its page shows it: queue, lag, consumers, counters and the newest dead letters.</summary>
/// <param name="Depth">Messages waiting or leased.</param>
/// <param name="LagSeconds">Age of the oldest message not yet acknowledged.</param>
/// <param name="Records">What the subscription's store holds (one record per applied effect).</param>
/// <param name="DeadLetterCount">Dead letters held; <paramref name="DeadLetters"/> lists only the newest.</param>
public sealed record SubscriptionDetails(
    string Name,
    string Topic,
    IReadOnlyList<string> Consumers,
    int Depth,
    int Leased,
    double LagSeconds,
    long Delivered,
    long Redelivered,
    long Acknowledged,
    long DeadLettered,
    long DeadLettersDiscarded,
    long Lost,
    long DuplicatesSkipped,
    long Effects,
    long UniqueEffects,
    long DuplicateEffects,
    long OutOfOrder,
    long Records,
    int DeadLetterCount,
    IReadOnlyList<DeadLetter> DeadLetters);

/// <summary>
/// What every broker pattern shows beyond the nodes: totals, switches and every subscription. Pub/Sub's details extend
/// it (the same property names for every broker pattern); Event-Driven's hold it as their messaging part.
/// </summary>
public record MessagingDetails(
    long Produced,
    long Published,
    long Delivered,
    long Acknowledged,
    long Redelivered,
    long DeadLettered,
    long DuplicatesSkipped,
    long DuplicateEffects,
    long Lost,
    long LostAcknowledged,
    long RefusedFull,
    long OutboxOverflow,
    long PublishRetries,
    bool Persistent,
    bool Idempotent,
    bool BrokerUp,
    double PublishRatePerSecond,
    int QueueCapacity,
    IReadOnlyList<SubscriptionDetails> Subscriptions);
