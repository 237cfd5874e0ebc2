using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ControlPlane;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.ControlPlane;

public sealed class ControlPlaneNodeTests
{
    [Theory]
    [MemberData(nameof(TestSupport.Runs.Seeds), 10, MemberType = typeof(TestSupport.Runs))]
    public void Crash_ProxiesKeepLastPolicy_NewPolicyArrivesAfterRestart(long seed)
    {
        var mesh = new PolicyMesh(seed);
        mesh.RunFor(TimeSpan.FromSeconds(1));
        Assert.All(mesh.Proxies, p => Assert.Equal((1L, "first"), (p.Applied.Version, p.Applied.Policy)));

        mesh.Control.Crash();
        mesh.Control.Publish("second");
        mesh.RunFor(TimeSpan.FromSeconds(5));
        Assert.All(mesh.Proxies, p => Assert.Equal((1L, "first"), (p.Applied.Version, p.Applied.Policy)));

        mesh.Control.Restart();
        mesh.RunFor(TimeSpan.FromSeconds(1));
        Assert.All(mesh.Proxies, p => Assert.Equal((2L, "second"), (p.Applied.Version, p.Applied.Policy)));
        Assert.Equal(0, mesh.Control.Lagging);
    }

    private sealed class PolicyMesh : SimulationBase
    {
        private static readonly PatternDescriptor Descriptor = new("test-policy-mesh", "Policy mesh", "A control plane and proxies.",
            new PatternInfo("p", "h", [], [], []), [], (seed, _) => new PolicyMesh(seed));

        public PolicyMesh(long seed) : base(Descriptor, seed, new Dictionary<string, double>())
        {
            Proxies = [new Proxy(this, "p1"), new Proxy(this, "p2")];
            Control = new ControlPlaneNode<string>(this, "control", "Control plane", Proxies.Select(p => p.Id), "first");
            AddNode(Control);
            foreach (var proxy in Proxies)
            {
                AddNode(proxy);
            }
            Start();
        }

        public ControlPlaneNode<string> Control { get; }

        public IReadOnlyList<Proxy> Proxies { get; }

        public override IReadOnlyList<FaultDefinition> FaultCatalog => [];

        protected override NodeView Describe(SimulationNode node) =>
            new(node.Id, node.Label, "up", node.IsUp, node.Lifecycle.ToString(), new Dictionary<string, object?>());
    }

    private sealed class Proxy(SimulationBase simulation, string id) : SimulationNode(simulation, id, id)
    {
        public AppliedPolicy<string> Applied { get; } = new("bootstrap");

        protected override void OnMessage(string from, IMessage message)
        {
            if (message is PolicyPush<string> push)
            {
                Applied.TryApply(push.Version, push.Policy);
                Send(from, new PolicyAck(Applied.Version));
            }
        }
    }
}
