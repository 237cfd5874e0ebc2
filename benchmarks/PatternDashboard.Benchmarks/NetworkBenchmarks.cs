using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// Simulated network throughput: send, delay, deliver and handle, per message. The simulation is set up once
/// and reused, so the allocation column shows the steady state (zero: deliveries and queue entries are pooled).
/// </summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private const int Messages = 100_000;
    private RelaySimulation simulation = null!;

    [GlobalSetup]
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

    /// <summary>Tokens travelling now; a new relay tops them up so the queue stays the same size run after run.</summary>
    public int TokensInFlight { get; set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => [];

    public void StartRelay(int messages)
    {
        Remaining = messages;
        // Several tokens in flight at once, like a busy cluster.
        for (int i = TokensInFlight; i < ring.Count; i++)
        {
            ring[i].Pass();
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request) => null;

    protected override NodeView Describe(SimulationNode node) =>
        new(node.Id, node.Label, "relay", node.IsUp, "up", new Dictionary<string, object?>());

    private sealed class RelayNode(RelaySimulation owner, string id, string next) : SimulationNode(owner, id, id)
    {
        private static readonly Token TheToken = new();

        public void Pass()
        {
            owner.TokensInFlight++;
            Send(next, TheToken);
        }

        protected override void OnMessage(string from, IMessage message)
        {
            owner.TokensInFlight--;
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
