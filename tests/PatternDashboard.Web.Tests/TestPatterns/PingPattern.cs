using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns;

namespace PatternDashboard.Web.Tests.TestPatterns;

/// <summary>
/// A tiny pattern for session and hub tests: a ring of nodes, each pinging the next on a timer. Its event rate
/// is easy to reason about (each ping is a timer event plus a delivery), and it offers one fault of each kind.
/// </summary>
public static class PingPattern
{
    public const string Id = "ping";
    public const string FixedId = "ping-fixed";

    public const string NodeCount = "nodeCount";
    public const string IntervalMs = "intervalMs";

    public const string Crash = "crash";
    public const string Delay = "delay";
    public const string Nudge = "nudge";
    public const string BreakCounting = "break-counting";

    /// <summary>Throws inside the simulation, as a bug in a pattern would, so tests can see how a server fault is reported.</summary>
    public const string Explode = "explode";

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(NodeCount, "Nodes", "Nodes in the ring.", 2, 6, 3, "nodes", IsInteger: true),
        new(IntervalMs, "Ping interval", "Time between two pings of a node.", 1, 1000, 100, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Crash, "Crash node", "Stops a node until the fault is cleared.", FaultTarget.Node),
        new(Delay, "Delay messages", "Adds delay to every ping.", Parameter: new FaultParameter("delay", 0, 1000, "ms", 100)),
        new(Nudge, "Nudge node", "Makes a node ping now.", FaultTarget.Node, IsInstant: true),
        new(BreakCounting, "Break it: stop counting", "Stops counting pings.", IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Delay, Value: 500), new FaultRequest(Crash, "n1")],
        },
        new(Explode, "Explode", "Throws inside the simulation.", IsInstant: true),
    ];

    private static readonly PatternInfo Info = new("Test problem.", "Test mechanism.", ["One"], ["Two"], ["Tests"]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id, "Ping", "Nodes ping each other.", Info, Options, (seed, options) => new PingCluster(Descriptor!, seed, options));

    /// <summary>The same ring with no options at all, so no node count can be chosen.</summary>
    public static PatternDescriptor FixedDescriptor { get; } = new(
        FixedId, "Ping (fixed)", "Three nodes ping each other.", Info, [],
        (seed, options) => new PingCluster(FixedDescriptor!, seed, new Dictionary<string, double> { [NodeCount] = 3, [IntervalMs] = 100 }));

    /// <summary>The app's patterns plus the test patterns.</summary>
    public static PatternRegistry CreateRegistry() => new([.. PatternCatalog.CreateRegistry().All, Descriptor, FixedDescriptor]);
}

public sealed class PingCluster : SimulationBase
{
    private readonly List<PingNode> ring = [];
    private readonly MetricSeries received;

    public PingCluster(PatternDescriptor pattern, long seed, IReadOnlyDictionary<string, double> options)
        : base(pattern, seed, options)
    {
        int count = (int)options[PingPattern.NodeCount];
        var interval = TimeSpan.FromMilliseconds(options[PingPattern.IntervalMs]);
        for (int i = 1; i <= count; i++)
        {
            var node = new PingNode(this, $"n{i}", $"Node {i}", $"n{i % count + 1}", interval);
            ring.Add(node);
            AddNode(node);
        }
        received = AddSeries("received", "pings");
        Invariants.Add(new SomeoneUp(ring));
        Start();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => PingPattern.Faults;

    public bool Counting { get; private set; } = true;

    public long TotalReceived => ring.Sum(n => n.Received);

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        if (definition.Id == PingPattern.Crash && !Node(request.Target!).IsUp)
        {
            throw new SimulationInputException($"{request.Target} is already down.");
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        switch (definition.Id)
        {
            case PingPattern.Crash:
                var node = Node(request.Target!);
                node.Crash();
                return node.Restart;
            case PingPattern.Delay:
                var before = Network.Conditions;
                Network.Conditions = before with { BaseDelay = TimeSpan.FromMilliseconds(request.Value ?? 100) };
                return () => Network.Conditions = before;
            case PingPattern.Nudge:
                ring.First(n => n.Id == request.Target).PingNow();
                return null;
            case PingPattern.BreakCounting:
                Counting = false;
                return () => Counting = true;
            case PingPattern.Explode:
                throw new InvalidOperationException("The ping pattern failed on purpose.");
            default:
                return null;
        }
    }

    protected override NodeView Describe(SimulationNode node)
    {
        var ping = (PingNode)node;
        string lifecycle = node.Lifecycle.ToString().ToLowerInvariant();
        return new NodeView(node.Id, node.Label, node.IsUp ? "pinging" : lifecycle, node.IsUp, lifecycle,
            new Dictionary<string, object?> { ["received"] = ping.Received });
    }

    protected override object? DescribeDetails() => new { TotalReceived, Counting };

    protected override void SampleMetrics() => Record(received, TotalReceived);

    private sealed class SomeoneUp(List<PingNode> ring) : InvariantMonitor("someone-up", "At least one node is up")
    {
        public override string? Check() => ring.Exists(n => n.IsUp) ? null : "every node is down";
    }
}

public sealed class PingNode(PingCluster cluster, string id, string label, string next, TimeSpan interval) : SimulationNode(cluster, id, label)
{
    public long Received { get; private set; }

    public override void Start() => Schedule();

    public void PingNow() => Send(next, new Ping());

    protected override void OnMessage(string from, IMessage message)
    {
        if (cluster.Counting)
        {
            Received++;
        }
        Log("ping", $"{Label} got a ping from {from}");
    }

    protected override void OnRestart() => Schedule();

    private void Schedule() => StartTimer(interval, () =>
    {
        PingNow();
        Schedule();
    });

    private sealed record Ping : IMessage
    {
        public string Kind => "ping";
    }
}
