namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>What happened to one subscription's messages, counted as it happened. Counters only: memory stays flat.</summary>
public sealed class SubscriptionStats(string name)
{
    public string Name { get; } = name;

    /// <summary>Distinct messages this subscription must process: accepted for it by the broker, or (direct calls) confirmed to their caller.</summary>
    public long Expected { get; set; }

    public long Delivered { get; set; }

    public long Redelivered { get; set; }

    public long Acknowledged { get; set; }

    public long DeadLettered { get; set; }

    /// <summary>Dead letters pushed out of the full dead-letter queue.</summary>
    public long DeadLettersDiscarded { get; set; }

    /// <summary>Messages (dead letters included) a broker crash without persistence took with it.</summary>
    public long Lost { get; set; }

    /// <summary>Deliveries a consumer recognized as already processed and skipped.</summary>
    public long DuplicatesSkipped { get; set; }

    /// <summary>Effects applied (each processing that changed the store).</summary>
    public long Effects { get; set; }

    /// <summary>Distinct messages whose effect was applied.</summary>
    public long UniqueEffects { get; set; }

    /// <summary>Effects applied again for a message already applied: what idempotency prevents.</summary>
    public long DuplicateEffects => Effects - UniqueEffects;

    /// <summary>Messages of a key applied after a later message of the same key.</summary>
    public long OutOfOrder { get; set; }

    /// <summary>Deliveries a consumer dropped because its buffer was full (they are redelivered after the lease).</summary>
    public long ConsumerOverflow { get; set; }
}

/// <summary>Counters of the whole messaging cluster, plus one <see cref="SubscriptionStats"/> per subscription.</summary>
public sealed class MessagingStats
{
    private readonly Dictionary<string, SubscriptionStats> subscriptions = new(StringComparer.Ordinal);

    /// <summary>Messages the publishers produced.</summary>
    public long Produced { get; set; }

    /// <summary>Publishes the broker accepted (a retried publish it already had is not counted again).</summary>
    public long Published { get; set; }

    /// <summary>Publishes refused because a subscription's queue was full; the publisher retries them.</summary>
    public long RefusedFull { get; set; }

    /// <summary>Messages a publisher did not produce because its outbox was full.</summary>
    public long OutboxOverflow { get; set; }

    /// <summary>Publishes sent again after a timeout or refusal.</summary>
    public long PublishRetries { get; set; }

    public IReadOnlyCollection<SubscriptionStats> Subscriptions => subscriptions.Values;

    public SubscriptionStats For(string subscription)
    {
        if (!subscriptions.TryGetValue(subscription, out var stats))
        {
            subscriptions[subscription] = stats = new SubscriptionStats(subscription);
        }
        return stats;
    }

    public long Sum(Func<SubscriptionStats, long> counter) => subscriptions.Values.Sum(counter);
}
