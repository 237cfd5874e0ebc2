using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Tests.TestSupport;

/// <summary>
/// A tiny pattern for kernel tests: nodes a, b, c... each pinging the next one (when pingIntervalMs is above 0)
/// and answering pings with pongs, plus a small fault catalog that exercises every kind of fault definition.
/// </summary>
public sealed class TestSimulation : SimulationBase
{
    public const string Id = "test-ping-pong";

    public static IReadOnlyList<OptionDefinition> OptionDefinitions { get; } =
    [
        new("nodeCount", "Nodes", "How many nodes.", 2, 6, 3, "nodes", IsInteger: true),
        new("pingIntervalMs", "Ping interval", "How often each node pings the next; 0 turns pinging off.", 0, 1000, 100, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> FaultDefinitions { get; } =
    [
        new("crash", "Crash node", "Stops a node.", FaultTarget.Node),
        new("pause", "Pause node", "Freezes a node.", FaultTarget.Node),
        new("isolate-a", "Isolate a", "Cuts every link to and from node a."),
        new("loss", "Lose messages", "Drops this share of messages.", Parameter: new FaultParameter("loss", 0, 100, "%", 30)),
        new("delay", "Delay messages", "Adds delay to every message.", Parameter: new FaultParameter("delay", 0, 2000, "ms", 200)),
        new("ping-now", "Ping now", "Makes a node ping the next one now.", FaultTarget.Node, IsInstant: true),
    ];

    public static PatternDescriptor Descriptor { get; } = new(
        Id, "Test ping-pong", "Nodes that ping each other, for kernel tests.",
        new PatternInfo("p", "h", [], [], []),
        OptionDefinitions,
        (seed, options) => new TestSimulation(seed, options));

    public static PatternRegistry Registry { get; } = new([Descriptor]);

    public TestSimulation(long seed, IReadOnlyDictionary<string, double>? options = null, int eventLogCapacity = DefaultEventLogCapacity)
        : base(Descriptor, seed, PatternOptions.Resolve(OptionDefinitions, options), eventLogCapacity)
    {
        int count = (int)Options["nodeCount"];
        double interval = Options["pingIntervalMs"];
        for (int i = 0; i < count; i++)
        {
            AddNode(new PingPongNode(this, NodeId(i), NodeId((i + 1) % count), interval > 0 ? TimeSpan.FromMilliseconds(interval) : null));
        }
        Delivered = AddSeries("delivered", "messages");
        Start();
    }

    /// <summary>Three nodes that send nothing by themselves, with a fixed 10 ms delay: messages only when a test sends them.</summary>
    public static TestSimulation Quiet(long seed = 1)
    {
        var simulation = new TestSimulation(seed, new Dictionary<string, double> { ["pingIntervalMs"] = 0 });
        simulation.Network.Conditions = new LinkConditions(TimeSpan.FromMilliseconds(10), TimeSpan.Zero);
        return simulation;
    }

    public MetricSeries Delivered { get; }

    public PingPongNode A => (PingPongNode)Node("a");

    public PingPongNode B => (PingPongNode)Node("b");

    public PingPongNode C => (PingPongNode)Node("c");

    public override IReadOnlyList<FaultDefinition> FaultCatalog => FaultDefinitions;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        if (definition.Id == "crash" && !Node(request.Target!).IsUp)
        {
            throw new SimulationInputException($"Node '{request.Target}' is not running.");
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        var before = Network.Conditions;
        switch (definition.Id)
        {
            case "crash":
                var crashed = Node(request.Target!);
                crashed.Crash();
                return crashed.Restart;
            case "pause":
                var paused = Node(request.Target!);
                paused.Pause();
                return paused.Resume;
            case "isolate-a":
                var others = Nodes.Where(n => n.Id != "a").Select(n => n.Id).ToArray();
                foreach (var other in others)
                {
                    Network.Block("a", other);
                    Network.Block(other, "a");
                }
                return () =>
                {
                    foreach (var other in others)
                    {
                        Network.Unblock("a", other);
                        Network.Unblock(other, "a");
                    }
                };
            case "loss":
                Network.Conditions = before with { LossRate = (request.Value ?? 30) / 100 };
                return () => Network.Conditions = before;
            case "delay":
                Network.Conditions = before with { BaseDelay = before.BaseDelay + TimeSpan.FromMilliseconds(request.Value ?? 200) };
                return () => Network.Conditions = before;
            case "ping-now":
                int index = Nodes.ToList().FindIndex(n => n.Id == request.Target);
                ((PingPongNode)Nodes[index]).SendTo(NodeId((index + 1) % Nodes.Count), new Ping(1000));
                return null;
            default:
                throw new InvalidOperationException(definition.Id);
        }
    }

    protected override NodeView Describe(SimulationNode node) =>
        new(node.Id, node.Label, node.IsUp ? "up" : "down", node.IsUp, node.Lifecycle.ToString(),
            new Dictionary<string, object?> { ["handled"] = ((PingPongNode)node).Handled.Count });

    protected override void SampleMetrics() => Record(Delivered, Network.Stats.Delivered);

    private static string NodeId(int index) => ((char)('a' + index)).ToString();
}
