using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>
/// A lease-based registry, instances that register and heartbeat, clients that find them client-side or through a
/// load balancer, all over the simulated network. Faults live in ServiceDiscoveryFaults.cs, monitors in
/// ServiceDiscoveryInvariants.cs, the page's picture in ServiceDiscoveryDetails.cs.
/// </summary>
public sealed partial class ServiceDiscoveryCluster : SimulationBase
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly List<ServiceInstanceNode> instances = [];
    private readonly Dictionary<string, ServiceInstanceNode> instanceById = new(StringComparer.Ordinal);
    private readonly List<DiscoveryClientNode> clients = [];
    private readonly MetricSeries okSeries, failedSeries, deadSeries, registeredSeries, liveSeries;

    public ServiceDiscoveryCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(ServiceDiscoveryPattern.Options, options))
    {
        Settings = ServiceDiscoverySettings.From(Options);
        Network.Conditions = new LinkConditions(Settings.NetworkDelay, Settings.NetworkDelay / 2);
        Policy = new RegistryPolicy(Settings.Lease, Settings.Heartbeat, Settings.RenewalThreshold);
        Calls = new DiscoveryCallLedger(this);
        Registry = new RegistryNode(this, Policy, Timeline.Add);
        AddNode(Registry);
        Balancer = new LoadBalancerNode(this);
        AddNode(Balancer);
        for (int i = 1; i <= Settings.Clients; i++)
        {
            var client = new DiscoveryClientNode(this, ClientId(i), $"Client {i}");
            clients.Add(client);
            AddNode(client);
        }
        for (int i = 0; i < Settings.Instances; i++)
        {
            AddInstance();
        }
        Invariants.Add(new DeadInstanceLeavesMonitor(this));
        okSeries = AddSeries(Metric.CallsOk, "per s");
        failedSeries = AddSeries(Metric.CallsFailed, "per s");
        deadSeries = AddSeries(Metric.FailedToDead, "per s");
        registeredSeries = AddSeries(Metric.Registered, "instances");
        liveSeries = AddSeries(Metric.Live, "instances");
        Start();
    }

    public ServiceDiscoverySettings Settings { get; }

    /// <summary>The registry's lease rules and live switches.</summary>
    public RegistryPolicy Policy { get; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => ServiceDiscoveryPattern.Faults;

    public RegistryNode Registry { get; }

    public LoadBalancerNode Balancer { get; }

    public IReadOnlyList<ServiceInstanceNode> Instances => instances;

    public IReadOnlyList<DiscoveryClientNode> Clients => clients;

    public DiscoveryMode Mode { get; private set; } = DiscoveryMode.ClientSide;

    public LeaseTimeline Timeline { get; } = new();

    public DiscoveryCallLedger Calls { get; }

    public ServiceInstanceNode InstanceNode(string id) => instanceById[id];

    /// <summary>True when the instance's process is dead (killed or scaled in); what a client cannot know, the run can.</summary>
    public bool IsDead(string instanceId) => instanceById.TryGetValue(instanceId, out var node) && node.Lifecycle == NodeLifecycle.Crashed;

    /// <summary>The caches that route calls now: the clients' client-side, the load balancer's server-side.</summary>
    public IEnumerable<RegistryCacheNode> RoutingCaches => Mode == DiscoveryMode.ClientSide ? clients : [Balancer];

    protected override object? DescribeDetails() => Details();

    // The registry talks with everyone; calls go client to instance, or through the balancer, as the mode says.
    protected override bool AreLinked(SimulationNode a, SimulationNode b)
    {
        if (a == Registry || b == Registry)
        {
            return true;
        }
        bool balancer = a == Balancer || b == Balancer;
        bool client = a is DiscoveryClientNode || b is DiscoveryClientNode;
        bool instance = a is ServiceInstanceNode || b is ServiceInstanceNode;
        return Mode == DiscoveryMode.ServerSide ? balancer && (client || instance) : client && instance;
    }

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        return node switch
        {
            RegistryNode registry => new NodeView(node.Id, node.Label,
                !registry.IsUp ? lifecycle : registry.SelfPreserving ? State.SelfPreserving : State.Registry, node.IsUp, lifecycle,
                new Dictionary<string, object?> { [Property.Entries] = registry.IsUp ? registry.Entries.Count : 0 }),
            ServiceInstanceNode instance => new NodeView(node.Id, node.Label, InstanceState(instance), node.IsUp, lifecycle,
                new Dictionary<string, object?>
                {
                    [Property.LeaseAge] = LeaseAge(instance.Id),
                    [Property.Renewals] = Registry.Entry(instance.Id)?.Renewals,
                    [Property.Calls] = Calls.Instance(instance.Id).Sent,
                }),
            LoadBalancerNode balancer => new NodeView(node.Id, node.Label, node.IsUp ? State.Balancer : lifecycle, node.IsUp, lifecycle, CacheProperties(balancer)),
            _ => new NodeView(node.Id, node.Label, node.IsUp ? State.Client : lifecycle, node.IsUp, lifecycle, CacheProperties((RegistryCacheNode)node)),
        };
    }

    protected override void SampleMetrics()
    {
        var now = Clock.Now;
        var second = Calls.Outcomes.Over(now, RateWindow);
        Record(okSeries, second.Success);
        Record(failedSeries, second.Failure + second.NoSlot);
        Record(deadSeries, Calls.DeadOutcomes.Over(now, RateWindow).Failure);
        Record(registeredSeries, Registry.IsUp ? Registry.Entries.Count : 0);
        Record(liveSeries, instances.Count(i => i.IsUp));
    }

    /// <summary>Seconds since the registry last heard from the instance, or null when it is not registered.</summary>
    public double? LeaseAge(string instanceId) =>
        Registry.IsUp && Registry.Entry(instanceId) is { } entry ? Math.Round((Clock.Now - entry.LastRenewal).TotalSeconds, 3) : null;

    public string InstanceState(ServiceInstanceNode instance)
    {
        if (instance.Lifecycle == NodeLifecycle.Crashed)
        {
            return instance.Retired ? State.Retired : State.Dead;
        }
        return (Registry.IsUp ? Registry.Entry(instance.Id) : null) switch
        {
            null => State.Unregistered,
            { Expired: true } => State.Expired,
            _ => State.Registered,
        };
    }

    private Dictionary<string, object?> CacheProperties(RegistryCacheNode cache) => new()
    {
        [Property.Mode] = DiscoveryModes.Word(Mode),
        [Property.Cached] = cache.Cache.Count,
        [Property.CacheAge] = cache.LastRefresh is { } last ? Math.Round((Clock.Now - last).TotalSeconds, 3) : null,
    };

    private ServiceInstanceNode AddInstance()
    {
        int number = instances.Count + 1;
        var instance = new ServiceInstanceNode(this, InstanceId(number), $"Instance {number}", RegistryId, Policy, Timeline.Add);
        instances.Add(instance);
        instanceById.Add(instance.Id, instance);
        AddNode(instance);
        if (IsStarted)
        {
            instance.Start();
        }
        return instance;
    }

    private void SetMode(DiscoveryMode mode)
    {
        Mode = mode;
        Log.Append(null, "discovery", mode == DiscoveryMode.ClientSide
            ? "Client-side discovery: each client queries the registry, caches the answer and picks an instance"
            : "Server-side discovery: clients call the load balancer, which queries the registry and picks an instance");
        foreach (var client in clients)
        {
            client.UpdateRefreshing();
        }
    }
}
