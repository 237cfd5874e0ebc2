namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>A message waiting in a subscription, or leased to a consumer until it acknowledges or the lease runs out.</summary>
public sealed class QueuedMessage(MessageId id, bool poison, bool replayed, TimeSpan enqueuedAt)
{
    public MessageId Id { get; } = id;

    public bool Poison { get; } = poison;

    public bool Replayed { get; } = replayed;

    public TimeSpan EnqueuedAt { get; } = enqueuedAt;

    /// <summary>Deliveries so far.</summary>
    public int Deliveries { get; set; }

    public string? LeasedTo { get; set; }

    public TimeSpan LeaseExpires { get; set; }
}

/// <summary>A message the broker gave up on, kept for inspection and replay.</summary>
public sealed record DeadLetter(MessageId Id, bool Poison, int Deliveries, string Reason, double Time);

/// <summary>
/// The broker's side of one subscription: its own copy of every message of the topic, in one lane per
/// partition key. Only a lane's head is ever leased, so a key's messages are processed one at a time, in order.
/// </summary>
public sealed class BrokerSubscription(string name, string topic)
{
    private readonly SortedDictionary<int, Queue<QueuedMessage>> lanes = [];
    private readonly HashSet<MessageId> held = [];
    private readonly Queue<DeadLetter> deadLetters = new();
    private readonly HashSet<MessageId> deadIds = [];
    private int nextLane;

    /// <summary>Beyond this many lanes, a lane that empties is dropped (it comes back with its key's next message).</summary>
    public const int ManyLanes = 256;

    public string Name { get; } = name;

    public string Topic { get; } = topic;

    /// <summary>Messages waiting or leased (dead letters not included).</summary>
    public int Depth => held.Count;

    public int Leased { get; private set; }

    public IReadOnlyCollection<DeadLetter> DeadLetters => deadLetters;

    /// <summary>True while the broker still has the message for this subscription, dead-lettered or not.</summary>
    public bool Holds(MessageId id) => held.Contains(id) || deadIds.Contains(id);

    public bool Contains(MessageId id) => held.Contains(id);

    public void Enqueue(QueuedMessage message)
    {
        if (!lanes.TryGetValue(message.Id.Key, out var lane))
        {
            lanes[message.Id.Key] = lane = new Queue<QueuedMessage>();
        }
        lane.Enqueue(message);
        held.Add(message.Id);
    }

    /// <summary>The head of the next lane (round robin) that has one waiting and nothing leased, or null.</summary>
    public QueuedMessage? NextReady()
    {
        int count = lanes.Count;
        int index = 0;
        QueuedMessage? found = null;
        int foundAt = -1;
        foreach (var lane in lanes.Values)
        {
            // Start the search after the lane served last, so one busy key cannot starve the others.
            int position = (index - nextLane + count) % count;
            if (lane.TryPeek(out var head) && head.LeasedTo is null && (found is null || position < foundAt))
            {
                found = head;
                foundAt = position;
            }
            index++;
        }
        if (found is not null)
        {
            nextLane = (nextLane + foundAt + 1) % count;
        }
        return found;
    }

    public void Lease(QueuedMessage message, string consumer, TimeSpan expires)
    {
        message.LeasedTo = consumer;
        message.LeaseExpires = expires;
        message.Deliveries++;
        Leased++;
    }

    public void Release(QueuedMessage message)
    {
        if (message.LeasedTo is not null)
        {
            message.LeasedTo = null;
            Leased--;
        }
    }

    /// <summary>The lane head with this id, if it is there (only heads are ever leased or acknowledged).</summary>
    public QueuedMessage? Head(MessageId id) =>
        lanes.TryGetValue(id.Key, out var lane) && lane.TryPeek(out var head) && head.Id == id ? head : null;

    public IEnumerable<QueuedMessage> LeasedHeads()
    {
        foreach (var lane in lanes.Values)
        {
            if (lane.TryPeek(out var head) && head.LeasedTo is not null)
            {
                yield return head;
            }
        }
    }

    /// <summary>Removes a lane head (acknowledged or dead-lettered).</summary>
    public void RemoveHead(QueuedMessage message)
    {
        Release(message);
        var lane = lanes[message.Id.Key];
        lane.Dequeue();
        held.Remove(message.Id);
        // A pattern with a few fixed keys keeps its lanes as they are; one with a key per conversation (a saga's
        // number) would otherwise gather empty lanes without bound, and every dispatch walks them all.
        if (lane.Count == 0 && lanes.Count > ManyLanes)
        {
            lanes.Remove(message.Id.Key);
            if (nextLane >= lanes.Count)
            {
                nextLane = 0;
            }
        }
    }

    /// <summary>Keeps a dead letter; returns the one discarded to make room, if any.</summary>
    public DeadLetter? AddDeadLetter(DeadLetter letter, int capacity)
    {
        DeadLetter? discarded = null;
        if (deadLetters.Count >= capacity)
        {
            discarded = deadLetters.Dequeue();
            deadIds.Remove(discarded.Id);
        }
        deadLetters.Enqueue(letter);
        deadIds.Add(letter.Id);
        return discarded;
    }

    public List<DeadLetter> TakeDeadLetters()
    {
        var all = deadLetters.ToList();
        deadLetters.Clear();
        deadIds.Clear();
        return all;
    }

    /// <summary>Age of the oldest message still waiting or leased: how far the consumers are behind.</summary>
    public TimeSpan Lag(TimeSpan now)
    {
        var oldest = now;
        foreach (var lane in lanes.Values)
        {
            if (lane.TryPeek(out var head) && head.EnqueuedAt < oldest)
            {
                oldest = head.EnqueuedAt;
            }
        }
        return now - oldest;
    }

    /// <summary>Ends every lease (the broker restarted and its consumers must reconnect).</summary>
    public void ReleaseAll()
    {
        foreach (var head in LeasedHeads().ToList())
        {
            Release(head);
        }
    }

    /// <summary>Forgets everything held in memory; returns how many messages (dead letters included) that was.</summary>
    public int Clear()
    {
        int lost = held.Count + deadLetters.Count;
        lanes.Clear();
        held.Clear();
        deadLetters.Clear();
        deadIds.Clear();
        Leased = 0;
        nextLane = 0;
        return lost;
    }
}
