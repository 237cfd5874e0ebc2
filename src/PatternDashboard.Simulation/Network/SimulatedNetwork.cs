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
    private readonly Dictionary<long, InFlightMessage> inFlight = [];
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

    public NetworkStats Stats => new(sent, delivered, lost, blockedCount, duplicated, toDownNode);

    public void Register(SimulationNode node) => nodes.Add(node.Id, node);

    public LinkConditions ConditionsOf(string from, string to) =>
        linkOverrides.TryGetValue((from, to), out var c) ? c : Conditions;

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

    public bool IsBlocked(string from, string to) => blocked.ContainsKey((from, to));

    public void Send(string from, string to, IMessage message)
    {
        sent++;
        var conditions = ConditionsOf(from, to);
        if (IsBlocked(from, to))
        {
            blockedCount++;
            return;
        }
        if (random.Chance(conditions.LossRate))
        {
            lost++;
            return;
        }
        Transmit(from, to, message, conditions);
        if (random.Chance(conditions.DuplicateRate))
        {
            duplicated++;
            Transmit(from, to, message, conditions);
        }
    }

    /// <summary>Messages currently travelling (at most <see cref="MaxTrackedInFlight"/>), oldest first.</summary>
    public IReadOnlyList<InFlightMessage> InFlight() => [.. inFlight.Values.OrderBy(m => m.Id)];

    private void Transmit(string from, string to, IMessage message, LinkConditions conditions)
    {
        var delay = conditions.BaseDelay + random.NextExponential(conditions.Jitter);
        if (random.Chance(conditions.ReorderRate))
        {
            // A late copy lets messages sent after it overtake it.
            delay += random.NextTime(conditions.BaseDelay, conditions.BaseDelay * 4);
        }
        long id = nextMessageId++;
        if (inFlight.Count < MaxTrackedInFlight)
        {
            inFlight.Add(id, new InFlightMessage(id, from, to, message.Kind, simulation.Clock.Now, simulation.Clock.Now + delay));
        }
        simulation.Scheduler.Schedule(delay, () => Arrive(id, from, to, message));
    }

    private void Arrive(long id, string from, string to, IMessage message)
    {
        inFlight.Remove(id);
        // A partition that forms while a message travels cuts it too.
        if (IsBlocked(from, to))
        {
            blockedCount++;
            return;
        }
        if (!nodes.TryGetValue(to, out var node) || node.Lifecycle == NodeLifecycle.Crashed)
        {
            toDownNode++;
            return;
        }
        delivered++;
        node.Deliver(from, message);
    }
}
