using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Network;

/// <summary>A message between nodes. <see cref="Kind"/> names it for views and logs ("vote", "heartbeat").</summary>
public interface IMessage
{
    string Kind { get; }
}

/// <summary>How a link treats the messages on it. Delay is <see cref="BaseDelay"/> plus an exponential tail with mean <see cref="Jitter"/>.</summary>
public sealed record LinkConditions(TimeSpan BaseDelay, TimeSpan Jitter, double LossRate = 0, double DuplicateRate = 0, double ReorderRate = 0)
{
    public static LinkConditions Default { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5));
}

/// <summary>A message on its way, for drawing it along its link.</summary>
public sealed record InFlightMessage(long Id, string From, string To, string Kind, TimeSpan SentAt, TimeSpan DeliverAt);

/// <summary>Counters of what the network did.</summary>
public sealed record NetworkStats(long Sent, long Delivered, long Lost, long Blocked, long Duplicated, long ToDownNode);

/// <summary>
/// The simulated network: every message goes through here, takes a delay drawn from the link's
/// conditions, and may be lost, duplicated, reordered or blocked by a partition.
/// </summary>
public sealed class SimulatedNetwork
{
    /// <summary>Messages tracked for drawing; beyond this they still travel but are not drawn.</summary>
    public const int MaxTrackedInFlight = 256;

    private readonly SimulationBase simulation;
    private readonly SeededRandom random;
    private readonly Dictionary<string, SimulationNode> nodes = [];
    private readonly Dictionary<(string From, string To), int> blocked = [];
    private readonly Dictionary<(string From, string To), LinkConditions> linkOverrides = [];
    private readonly Dictionary<long, Delivery> inFlight = [];
    // Deliveries are reused, each with its own cached callback, so a message in steady state allocates nothing.
    private readonly Stack<Delivery> deliveryPool = new();
    private long nextMessageId = 1;
    private long sent, delivered, lost, blockedCount, duplicated, toDownNode;

    internal SimulatedNetwork(SimulationBase simulation)
    {
        this.simulation = simulation;
        random = simulation.Random.Derive("network");
    }

    /// <summary>Conditions of every link without an override.</summary>
    public LinkConditions Conditions { get; set; } = LinkConditions.Default;

    public IReadOnlyCollection<string> NodeIds => nodes.Keys;

    /// <summary>
    /// Told of every message's send and fate while set. Null, the default, for every live run: only a replay that
    /// draws a message-sequence diagram sets one, and it draws no randomness, so the run is the same either way.
    /// </summary>
    public IRunObserver? Observer { get; set; }

    public NetworkStats Stats => new(sent, delivered, lost, blockedCount, duplicated, toDownNode);

    public void Register(SimulationNode node) => nodes.Add(node.Id, node);

    public LinkConditions ConditionsOf(string from, string to) =>
        linkOverrides.Count > 0 && linkOverrides.TryGetValue((from, to), out var c) ? c : Conditions;

    public void SetLinkConditions(string from, string to, LinkConditions? conditions)
    {
        if (conditions is null)
        {
            linkOverrides.Remove((from, to));
        }
        else
        {
            linkOverrides[(from, to)] = conditions;
        }
    }

    /// <summary>Blocks the one-way link. Blocks stack: each must be lifted by its own <see cref="Unblock"/>.</summary>
    public void Block(string from, string to) => blocked[(from, to)] = blocked.GetValueOrDefault((from, to)) + 1;

    public void Unblock(string from, string to)
    {
        if (blocked.TryGetValue((from, to), out int count))
        {
            if (count <= 1)
            {
                blocked.Remove((from, to));
            }
            else
            {
                blocked[(from, to)] = count - 1;
            }
        }
    }

    // The count check skips hashing two strings per message while no partition exists.
    public bool IsBlocked(string from, string to) => blocked.Count > 0 && blocked.ContainsKey((from, to));

    public void Send(string from, string to, IMessage message)
    {
        sent++;
        var conditions = ConditionsOf(from, to);
        if (IsBlocked(from, to))
        {
            blockedCount++;
            Observer?.MessageDropped(from, to, message, MessageFate.Blocked, simulation.Clock.Now + conditions.BaseDelay);
            return;
        }
        if (random.Chance(conditions.LossRate))
        {
            lost++;
            Observer?.MessageDropped(from, to, message, MessageFate.Lost, simulation.Clock.Now + conditions.BaseDelay);
            return;
        }
        Transmit(from, to, message, conditions, duplicate: false);
        if (random.Chance(conditions.DuplicateRate))
        {
            duplicated++;
            Transmit(from, to, message, conditions, duplicate: true);
        }
    }

    /// <summary>Messages currently travelling (at most <see cref="MaxTrackedInFlight"/>), oldest first.</summary>
    public IReadOnlyList<InFlightMessage> InFlight() =>
        [.. inFlight.Values.OrderBy(d => d.Id).Select(d => new InFlightMessage(d.Id, d.From!, d.To!, d.Kind!, d.SentAt, d.DeliverAt))];

    private void Transmit(string from, string to, IMessage message, LinkConditions conditions, bool duplicate)
    {
        var delay = conditions.BaseDelay + random.NextExponential(conditions.Jitter);
        if (random.Chance(conditions.ReorderRate))
        {
            // A late copy lets messages sent after it overtake it.
            delay += random.NextTime(conditions.BaseDelay, conditions.BaseDelay * 4);
        }
        long id = nextMessageId++;
        var delivery = deliveryPool.Count > 0 ? deliveryPool.Pop() : new Delivery(this);
        delivery.Id = id;
        delivery.From = from;
        delivery.To = to;
        delivery.Message = message;
        if (inFlight.Count < MaxTrackedInFlight)
        {
            delivery.Kind = message.Kind;
            delivery.SentAt = simulation.Clock.Now;
            delivery.DeliverAt = simulation.Clock.Now + delay;
            delivery.Tracked = true;
            inFlight.Add(id, delivery);
        }
        simulation.Scheduler.Schedule(delay, delivery.Run);
        Observer?.MessageSent(id, from, to, message, simulation.Clock.Now + delay, duplicate);
    }

    private void Arrive(Delivery delivery)
    {
        if (delivery.Tracked)
        {
            inFlight.Remove(delivery.Id);
        }
        string from = delivery.From!;
        string to = delivery.To!;
        var message = delivery.Message!;
        long id = delivery.Id;
        // Back to the pool before the handler runs, so the replies it sends can reuse it.
        delivery.Clear();
        deliveryPool.Push(delivery);
        Deliver(id, from, to, message);
    }

    private void Deliver(long id, string from, string to, IMessage message)
    {
        // A partition that forms while a message travels cuts it too.
        if (IsBlocked(from, to))
        {
            blockedCount++;
            Observer?.MessageEnded(id, MessageFate.Blocked);
            return;
        }
        if (!nodes.TryGetValue(to, out var node) || node.Lifecycle == NodeLifecycle.Crashed)
        {
            toDownNode++;
            Observer?.MessageEnded(id, MessageFate.ToDownNode);
            return;
        }
        delivered++;
        Observer?.MessageEnded(id, MessageFate.Delivered);
        node.Deliver(from, message);
    }

    /// <summary>A message on its way; pooled, with the scheduler callback made once per instance.</summary>
    private sealed class Delivery
    {
        public Delivery(SimulatedNetwork network) => Run = () => network.Arrive(this);

        public Action Run { get; }

        public long Id;
        public string? From;
        public string? To;
        public IMessage? Message;
        public string? Kind;
        public TimeSpan SentAt;
        public TimeSpan DeliverAt;
        public bool Tracked;

        public void Clear()
        {
            From = To = Kind = null;
            Message = null;
            Tracked = false;
        }
    }
}
