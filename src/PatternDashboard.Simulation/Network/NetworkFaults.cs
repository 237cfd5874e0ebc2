using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Network;

/// <summary>
/// Partitions, one-way links, delay, loss and duplication, for every pattern: definitions, checks, effects and undo.
/// Faults in force combine (delays add up, loss and duplicate chances compound) and each undoes only its own share.
/// </summary>
public static class NetworkFaults
{
    public const string Isolate = "isolate";
    public const string Split = "split";
    public const string OneWay = "one-way";
    public const string Heal = "heal";
    public const string Delay = "delay";
    public const string Loss = "loss";
    public const string LinkLoss = "link-loss";
    public const string Duplicate = "duplicate";

    public static FaultDefinition IsolateNode { get; } = new(Isolate, "Isolate node", "Cuts every link to and from a node.", FaultTarget.Node)
    { BuiltIn = BuiltInFault.Isolate };

    public static FaultDefinition SplitCluster { get; } = new(Split, "Split cluster",
        "Splits the cluster into a minority and a majority group that cannot reach each other.") { BuiltIn = BuiltInFault.Split };

    public static FaultDefinition OneWayLink { get; } = new(OneWay, "One-way link failure",
        "The node still hears the others, but nothing it sends arrives.", FaultTarget.Node) { BuiltIn = BuiltInFault.OneWay };

    public static FaultDefinition HealNetwork { get; } = new(Heal, "Heal network",
        "Removes every partition, isolation, one-way failure, delay, loss and duplication.", IsInstant: true) { BuiltIn = BuiltInFault.Heal };

    public static FaultDefinition DelayMessages { get; } = new(Delay, "Delay messages", "Adds delay to every message.",
        Parameter: new FaultParameter("delay", 0, 2000, "ms", 200)) { BuiltIn = BuiltInFault.Delay };

    public static FaultDefinition LoseMessages { get; } = new(Loss, "Lose messages", "Drops this share of messages at random.",
        Parameter: new FaultParameter("loss", 0, 100, "%", 30)) { BuiltIn = BuiltInFault.Loss };

    public static FaultDefinition DropOnLinks { get; } = new(LinkLoss, "Drop messages on a node's links",
        "Drops this share of the messages to and from a node.", FaultTarget.Node, new FaultParameter("loss", 0, 100, "%", 30))
    { BuiltIn = BuiltInFault.LinkLoss };

    public static FaultDefinition DuplicateMessages { get; } = new(Duplicate, "Duplicate messages",
        "Delivers this share of messages twice, on every link.", Parameter: new FaultParameter("duplicates", 0, 100, "%", 20))
    { BuiltIn = BuiltInFault.Duplicate };

    internal static bool IsNetwork(BuiltInFault fault) => fault >= BuiltInFault.Isolate;
}

/// <summary>The network faults in force in one simulation, and the link conditions they add up to.</summary>
internal sealed class NetworkFaultState(SimulationBase simulation)
{
    private readonly List<double> extraDelaysMs = [];
    private readonly List<double> lossRates = [];
    private readonly List<double> duplicateRates = [];
    // Loss on every link to and from a node, by node id; a node may carry several.
    private readonly SortedDictionary<string, List<double>> linkLoss = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> lossyLinks = [];
    // The pattern's own conditions, taken when the first condition fault arrives.
    private LinkConditions? baseline;

    private SimulatedNetwork Network => simulation.Network;

    public string? Refusal(BuiltInFault fault, SimulationNode? node) => fault switch
    {
        BuiltInFault.Isolate when simulation.Faults.IsActive(NetworkFaults.Isolate, node!.Id) => $"{node.Label} is already isolated.",
        BuiltInFault.OneWay when simulation.Faults.IsActive(NetworkFaults.OneWay, node!.Id) => $"{node.Label} already has a one-way link failure.",
        BuiltInFault.LinkLoss when simulation.Faults.IsActive(NetworkFaults.LinkLoss, node!.Id) => $"{node.Label}'s links already drop messages; clear that first.",
        BuiltInFault.Split when simulation.Faults.IsActive(NetworkFaults.Split) => "The cluster is already split; heal the network first.",
        _ => null,
    };

    public Action? Apply(BuiltInFault fault, SimulationNode? node, double value)
    {
        var others = simulation.Nodes.Where(other => other != node).ToList();
        return fault switch
        {
            BuiltInFault.Isolate => Block([.. others.Select(o => (node!.Id, o.Id)), .. others.Select(o => (o.Id, node!.Id))]),
            BuiltInFault.OneWay => Block([.. others.Select(o => (node!.Id, o.Id))]),
            BuiltInFault.Split => SplitSides(),
            BuiltInFault.Heal => HealAll(),
            BuiltInFault.Delay => Contribute(extraDelaysMs, value),
            BuiltInFault.Loss => Contribute(lossRates, value / 100),
            BuiltInFault.Duplicate => Contribute(duplicateRates, value / 100),
            _ => DropOnLinks(node!, value / 100),
        };
    }

    private Action SplitSides()
    {
        var (minority, majority) = simulation.SplitSidesOf();
        simulation.Log.Append(null, "fault", $"Split: {string.Join(", ", minority.Select(n => n.Label))} | {string.Join(", ", majority.Select(n => n.Label))}");
        return Block([.. minority.SelectMany(a => majority.SelectMany(b => new[] { (a.Id, b.Id), (b.Id, a.Id) }))]);
    }

    private Action? HealAll()
    {
        foreach (var active in simulation.Faults.Active.Where(f => simulation.BuiltInOf(f.FaultId) is var kind && NetworkFaults.IsNetwork(kind)).ToList())
        {
            simulation.ClearQuietly(active);
        }
        return null;
    }

    private Action Block(IReadOnlyList<(string From, string To)> links)
    {
        foreach (var (from, to) in links)
        {
            Network.Block(from, to);
        }
        return () =>
        {
            foreach (var (from, to) in links)
            {
                Network.Unblock(from, to);
            }
        };
    }

    private Action Contribute(List<double> contributions, double value)
    {
        contributions.Add(value);
        ApplyConditions();
        return () =>
        {
            contributions.Remove(value);
            ApplyConditions();
        };
    }

    private Action DropOnLinks(SimulationNode node, double loss)
    {
        if (!linkLoss.TryGetValue(node.Id, out var losses))
        {
            linkLoss[node.Id] = losses = [];
        }
        return Contribute(losses, loss);
    }

    /// <summary>Rebuilds every link's conditions from the faults in force, so they combine and undo independently.</summary>
    private void ApplyConditions()
    {
        var basis = baseline ??= Network.Conditions;
        Network.Conditions = basis with
        {
            BaseDelay = basis.BaseDelay + TimeSpan.FromMilliseconds(extraDelaysMs.Sum()),
            LossRate = Compound(basis.LossRate, lossRates),
            DuplicateRate = Compound(basis.DuplicateRate, duplicateRates),
        };
        foreach (var (from, to) in lossyLinks)
        {
            Network.SetLinkConditions(from, to, null);
        }
        lossyLinks.Clear();
        foreach (var node in simulation.Nodes)
        {
            foreach (var other in simulation.Nodes)
            {
                double loss = Math.Max(LinkLossOf(node.Id), LinkLossOf(other.Id));
                if (node != other && loss > 0)
                {
                    Network.SetLinkConditions(node.Id, other.Id, Network.Conditions with { LossRate = Compound(Network.Conditions.LossRate, [loss]) });
                    lossyLinks.Add((node.Id, other.Id));
                }
            }
        }
    }

    private double LinkLossOf(string id) => linkLoss.TryGetValue(id, out var losses) ? Compound(0, losses) : 0;

    private static double Compound(double basis, List<double> rates)
    {
        double kept = 1 - basis;
        foreach (double rate in rates)
        {
            kept *= 1 - rate;
        }
        return Math.Clamp(1 - kept, 0, 1);
    }
}
