namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// The simulation's own record of every message's fate, kept outside the broker and consumers so it can catch
/// them losing or double-applying messages. The broker reports what it accepted and dead-lettered, publishers
/// what was acknowledged to them, and consumer stores every effect they apply.
/// </summary>
public sealed class MessageLedger(MessagingStats stats)
{
    /// <summary>Messages tracked at once; beyond it the oldest are forgotten, which only weakens the checks.</summary>
    public const int TrackedCapacity = 50_000;

    /// <summary>Subscriptions one ledger follows (a bit each); the patterns stay well below it.</summary>
    public const int MaxSubscriptions = 31;

    private readonly Dictionary<MessageId, Track> tracks = [];
    private readonly Queue<MessageId> trackOrder = new();
    private readonly Dictionary<string, AppliedWindow> applied = new(StringComparer.Ordinal);
    private readonly List<(int Subscription, MessageId Id)> missing = [];
    // Subscriptions by number, so a message's progress fits in two bit masks instead of two sets.
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly List<string> names = [];

    /// <summary>Acknowledged publishes that vanished from a subscription before being processed or dead-lettered.</summary>
    public long LostAcknowledged { get; private set; }

    public string? FirstLoss { get; private set; }

    /// <summary>Acknowledged publishes some subscription has not finished yet.</summary>
    public int Outstanding => tracks.Values.Count(t => t.Acknowledged && t.Remaining != 0);

    public void Accepted(MessageId id, IEnumerable<string> subscriptions)
    {
        if (!tracks.TryGetValue(id, out var track))
        {
            tracks[id] = track = new Track();
            trackOrder.Enqueue(id);
            if (trackOrder.Count > TrackedCapacity)
            {
                tracks.Remove(trackOrder.Dequeue());
            }
        }
        foreach (var subscription in subscriptions)
        {
            int bit = Bit(subscription);
            if ((track.Finished & bit) == 0 && (track.Remaining & bit) == 0)
            {
                track.Remaining |= bit;
                stats.For(subscription).Expected++;
            }
        }
    }

    public void Acknowledged(MessageId id)
    {
        if (tracks.TryGetValue(id, out var track))
        {
            track.Acknowledged = true;
            ForgetIfDone(id, track);
        }
    }

    /// <summary>Records one applied effect; true when it is the first for this message in this subscription.</summary>
    public bool Applied(string subscription, MessageId id)
    {
        Finish(subscription, id);
        if (!applied.TryGetValue(subscription, out var window))
        {
            applied[subscription] = window = new AppliedWindow();
        }
        var counters = stats.For(subscription);
        counters.Effects++;
        bool first = window.Add(id);
        if (first)
        {
            counters.UniqueEffects++;
        }
        return first;
    }

    public void DeadLettered(string subscription, MessageId id) => Finish(subscription, id);

    /// <summary>
    /// Checks that the broker still holds every acknowledged message a subscription has not finished.
    /// Missing ones are counted once and dropped from tracking; the count never goes down.
    /// </summary>
    public void FindLosses(Func<string, MessageId, bool> brokerHolds)
    {
        foreach (var (id, track) in tracks)
        {
            if (!track.Acknowledged)
            {
                continue;
            }
            for (int number = 0; number < names.Count; number++)
            {
                if ((track.Remaining & (1 << number)) != 0 && !brokerHolds(names[number], id))
                {
                    missing.Add((number, id));
                }
            }
        }
        foreach (var (number, id) in missing)
        {
            var track = tracks[id];
            track.Remaining &= ~(1 << number);
            ForgetIfDone(id, track);
            LostAcknowledged++;
            FirstLoss ??= $"{id} for {names[number]}";
        }
        missing.Clear();
    }

    private void Finish(string subscription, MessageId id)
    {
        int bit = Bit(subscription);
        if (tracks.TryGetValue(id, out var track) && (track.Remaining & bit) != 0)
        {
            track.Remaining &= ~bit;
            track.Finished |= bit;
            ForgetIfDone(id, track);
        }
    }

    // Finished messages leave at once, so the periodic loss check only walks what is still in play.
    private void ForgetIfDone(MessageId id, Track track)
    {
        if (track.Acknowledged && track.Remaining == 0)
        {
            tracks.Remove(id);
        }
    }

    private int Bit(string subscription)
    {
        if (!numbers.TryGetValue(subscription, out int number))
        {
            if (names.Count == MaxSubscriptions)
            {
                throw new InvalidOperationException($"The ledger tracks at most {MaxSubscriptions} subscriptions.");
            }
            numbers[subscription] = number = names.Count;
            names.Add(subscription);
        }
        return 1 << number;
    }

    /// <summary>One bit per subscription: which still owe the message and which are done with it.</summary>
    private sealed class Track
    {
        public bool Acknowledged { get; set; }

        public int Remaining { get; set; }

        public int Finished { get; set; }
    }

    /// <summary>The ids one subscription applied, the newest <see cref="TrackedCapacity"/> of them.</summary>
    private sealed class AppliedWindow
    {
        private readonly HashSet<MessageId> ids = [];
        private readonly Queue<MessageId> order = new();

        public bool Add(MessageId id)
        {
            if (!ids.Add(id))
            {
                return false;
            }
            order.Enqueue(id);
            if (order.Count > TrackedCapacity)
            {
                ids.Remove(order.Dequeue());
            }
            return true;
        }
    }
}
