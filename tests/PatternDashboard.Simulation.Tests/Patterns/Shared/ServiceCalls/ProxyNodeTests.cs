using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.ServiceCalls;

public sealed class ProxyNodeTests
{
    [Theory]
    [MemberData(nameof(TestSupport.Runs.Seeds), 10, MemberType = typeof(TestSupport.Runs))]
    public void LiveTimeout_AChangeAppliesToTheNextCall(long seed)
    {
        var run = new SlowBackendRun(seed);
        run.Proxy.Call();
        run.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(["ok"], run.Proxy.Replies);

        run.Proxy.Timeout = TimeSpan.FromMilliseconds(100);
        run.Proxy.Call();
        run.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(["ok", ProxyNode.TimedOut.Detail], run.Proxy.Replies);
    }

    private sealed class SlowBackendRun : SimulationBase
    {
        private static readonly PatternDescriptor Descriptor = new("test-slow-backend", "Slow backend", "A proxy and a slow backend.",
            new PatternInfo("p", "h", [], [], []), [], (seed, _) => new SlowBackendRun(seed));

        public SlowBackendRun(long seed) : base(Descriptor, seed, new Dictionary<string, double>())
        {
            Proxy = new LiveTimeoutProxy(this);
            AddNode(Proxy);
            AddNode(new SlowBackend(this));
            Start();
        }

        public LiveTimeoutProxy Proxy { get; }

        public override IReadOnlyList<FaultDefinition> FaultCatalog => [];

        protected override NodeView Describe(SimulationNode node) =>
            new(node.Id, node.Label, "up", node.IsUp, node.Lifecycle.ToString(), new Dictionary<string, object?>());
    }

    private sealed class LiveTimeoutProxy : ProxyNode
    {
        private readonly TimeoutSetting setting;

        public LiveTimeoutProxy(SimulationBase simulation) : this(simulation, new TimeoutSetting())
        {
        }

        private LiveTimeoutProxy(SimulationBase simulation, TimeoutSetting setting)
            : base(simulation, "proxy", "Proxy", () => setting.Value) => this.setting = setting;

        public TimeSpan Timeout { get => setting.Value; set => setting.Value = value; }

        public List<string> Replies { get; } = [];

        public void Call() => _ = Record();

        protected override void OnRequest(string from, IMessage message)
        {
        }

        // Called from the test thread, under the test runner's context: without ConfigureAwait(false) the reply
        // would be posted there and land after the test has looked.
        private async Task Record() => Replies.Add((await CallAsync("backend", null).ConfigureAwait(false)).Detail);
    }

    private sealed class TimeoutSetting
    {
        public TimeSpan Value { get; set; } = TimeSpan.FromSeconds(1);
    }

    private sealed class SlowBackend(SimulationBase simulation) : SimulationNode(simulation, "backend", "Backend")
    {
        protected override void OnMessage(string from, IMessage message)
        {
            if (message is ServiceRequest request)
            {
                StartTimer(TimeSpan.FromMilliseconds(300), () => Send(from, new ServiceResponse(request.CallId, true, "ok")));
            }
        }
    }
}
