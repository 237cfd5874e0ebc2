using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Benchmarks;

/// <summary>Simulated network throughput: send, delay, deliver and handle, per message.</summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private const int Messages = 100_000;
    private RelaySimulation simulation = null!;

    [IterationSetup]
    public void Setup() => simulation = new RelaySimulation(seed: 7, nodeCount: 5);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void RelayMessages()
    {
        simulation.StartRelay(Messages);
        while (simulation.Step())
        {
            if (simulation.Remaining <= 0)
            {
                break;
            }
        }
    }
}

/// <summary>Nodes that pass one token around a ring: every delivery sends the next message.</summary>
internal sealed class RelaySimulation : SimulationBase
{
    private static readonly PatternDescriptor Descriptor = new(
        "relay", "Relay", "A token passed around a ring.", new PatternInfo("", "", [], [], []), [],
        (seed, _) => new RelaySimulation(seed, 5));

    private readonly List<RelayNode> ring = [];

    public RelaySimulation(long seed, int nodeCount)
        : base(Descriptor, seed, new Dictionary<string, double>())
    {
        for (int i = 0; i < nodeCount; i++)
        {
            var node = new RelayNode(this, $"r{i}", $"r{(i + 1) % nodeCount}");
            ring.Add(node);
            AddNode(node);
        }
        Start();
    }

    public int Remaining { get; set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => [];

    public void StartRelay(int messages)
    {
        Remaining = messages;
        // Several tokens in flight at once, like a busy cluster.
        foreach (var node in ring)
        {
            node.Pass();
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request) => null;

    protected override NodeView Describe(SimulationNode node) =>
        new(node.Id, node.Label, "relay", node.IsUp, "up", new Dictionary<string, object?>());

    private sealed class RelayNode(RelaySimulation owner, string id, string next) : SimulationNode(owner, id, id)
    {
        private static readonly Token TheToken = new();

        public void Pass() => Send(next, TheToken);

        protected override void OnMessage(string from, IMessage message)
        {
            if (--owner.Remaining > 0)
            {
                Pass();
            }
        }
    }

    private sealed class Token : IMessage
    {
        public string Kind => "token";
    }
}
