namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// The durable state behind one subscription, shared by its competing consumers (a service's database).
/// Applying a message and remembering its id happen together, so an idempotent consumer can recognize a
/// redelivery even when another instance processed the first copy or the consumer crashed since.
/// Memory is bounded: a window of recent ids plus one sequence number per partition key.
/// </summary>
public sealed class SubscriptionStore(string subscription, MessageLedger ledger, SubscriptionStats stats)
{
    private readonly HashSet<MessageId> processed = [];
    private readonly Queue<MessageId> processedOrder = new();
    // The highest sequence applied per key: a fence against stale copies, bounded by the number of keys.
    private readonly Dictionary<int, long> lastApplied = [];

    public string Subscription { get; } = subscription;

    /// <summary>False while "break it" makes consumers apply whatever they receive.</summary>
    public bool Idempotent { get; set; } = true;

    /// <summary>The state the effects built: one record per applied message (a profile, an email sent...).</summary>
    public long Records { get; private set; }

    /// <summary>
    /// Applies the message unless it is a known duplicate or stale; returns true when the state changed.
    /// Stale means older than what its key already applied: a copy that sat in a paused consumer while the
    /// broker moved on. Replayed dead letters are exempt, as they are older by nature.
    /// </summary>
    public bool Apply(Delivery delivery)
    {
        var id = delivery.Id;
        bool seen = processed.Contains(id);
        bool stale = !delivery.Replayed && lastApplied.TryGetValue(id.Key, out long last) && id.Sequence < last;
        if (Idempotent && (seen || stale))
        {
            stats.DuplicatesSkipped++;
            return false;
        }
        if (!seen)
        {
            Remember(id);
        }
        if (stale)
        {
            stats.OutOfOrder++;
        }
        if (!delivery.Replayed)
        {
            lastApplied[id.Key] = Math.Max(lastApplied.GetValueOrDefault(id.Key), id.Sequence);
        }
        Records++;
        ledger.Applied(Subscription, id);
        return true;
    }

    private void Remember(MessageId id)
    {
        processed.Add(id);
        processedOrder.Enqueue(id);
        if (processedOrder.Count > BrokerSettings.DedupWindow)
        {
            processed.Remove(processedOrder.Dequeue());
        }
    }
}
