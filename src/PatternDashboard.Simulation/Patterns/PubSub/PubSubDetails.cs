using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.PubSub;

/// <summary>
/// What the Pub/Sub page shows beyond the nodes: the broker's counters and subscriptions, under the property names
/// every broker pattern uses (scripts and lessons read them as before), and the topic with its limits.
/// </summary>
/// <param name="Topic">The one topic publishers send to.</param>
/// <param name="MaxSubscriptions">Subscriptions the topic may have; "add a subscription" is refused beyond.</param>
/// <param name="MaxConsumersPerSubscription">Competing consumers one subscription may have.</param>
public sealed record PubSubDetails(
    string Topic,
    int MaxSubscriptions,
    int MaxConsumersPerSubscription,
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
    IReadOnlyList<SubscriptionDetails> Subscriptions)
    : MessagingDetails(
        Produced, Published, Delivered, Acknowledged, Redelivered, DeadLettered, DuplicatesSkipped, DuplicateEffects, Lost,
        LostAcknowledged, RefusedFull, OutboxOverflow, PublishRetries, Persistent, Idempotent, BrokerUp, PublishRatePerSecond,
        QueueCapacity, Subscriptions)
{
    /// <summary>The broker's details with the topic's facts added.</summary>
    public static PubSubDetails Of(MessagingDetails broker, string topic, int maxSubscriptions, int maxConsumersPerSubscription) => new(
        topic, maxSubscriptions, maxConsumersPerSubscription,
        broker.Produced, broker.Published, broker.Delivered, broker.Acknowledged, broker.Redelivered, broker.DeadLettered,
        broker.DuplicatesSkipped, broker.DuplicateEffects, broker.Lost, broker.LostAcknowledged, broker.RefusedFull,
        broker.OutboxOverflow, broker.PublishRetries, broker.Persistent, broker.Idempotent, broker.BrokerUp,
        broker.PublishRatePerSecond, broker.QueueCapacity, broker.Subscriptions);
}
