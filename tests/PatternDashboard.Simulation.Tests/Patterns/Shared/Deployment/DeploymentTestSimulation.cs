using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Deployment;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.Deployment;

/// <summary>One deployment of plain instances, and nothing else: for the deployment controller's own tests.</summary>
public sealed class DeploymentTestSimulation : SimulationBase
{
    private static readonly PatternDescriptor Descriptor = new("test-deployment", "Test deployment", "A deployment alone.",
        new PatternInfo("p", "h", [], [], []), [], (seed, _) => new DeploymentTestSimulation(seed, 4, 0.25, 0.25));

    public DeploymentTestSimulation(long seed, int replicas, double surge, double unavailable)
        : base(Descriptor, seed, new Dictionary<string, double>())
    {
        Deployment = new ServiceDeployment(this, "svc", replicas, ServiceVersion.First, surge, unavailable, ProbeSettings.Default, n =>
        {
            var node = new TestInstance(this, $"svc-{n}");
            AddNode(node);
            return node;
        });
        Start();
    }

    public ServiceDeployment Deployment { get; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => [];

    protected override NodeView Describe(SimulationNode node) =>
        new(node.Id, node.Label, node.IsUp ? "up" : "down", node.IsUp, node.Lifecycle.ToString(), new Dictionary<string, object?>());
}

/// <summary>An instance that only answers its probe: healthy unless its version has the bug. It counts its changes of readiness.</summary>
public sealed class TestInstance(SimulationBase simulation, string id) : DeployableNode(simulation, id, id)
{
    public int Joined { get; private set; }

    public int Left { get; private set; }

    public override bool AnswersProbe() => Version is { IsBroken: false };

    protected override void OnReadyChanged(bool ready)
    {
        if (ready)
        {
            Joined++;
        }
        else
        {
            Left++;
        }
    }

    protected override void OnMessage(string from, IMessage message)
    {
    }
}
