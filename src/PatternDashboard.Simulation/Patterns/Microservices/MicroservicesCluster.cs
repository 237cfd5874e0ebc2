using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Deployment;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>
/// A gateway, a registry, four services each with its own deployment of instances, and a monolith that serves
/// everything in one process while break it is on. Faults live in MicroservicesFaults.cs, monitors in
/// MicroservicesInvariants.cs, the page's picture in MicroservicesDetails.cs.
/// </summary>
public sealed partial class MicroservicesCluster : SimulationBase
{
    /// <summary>How long a service counts as failing after its fault ends: leases, caches and breakers take that long to settle.</summary>
    public static readonly TimeSpan Settling = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, ServiceDeployment> deployments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallStats> featureBooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallStats> serviceBooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> slowBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> failingUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricSeries> worksSeries = new(StringComparer.Ordinal);
    private readonly MetricSeries requestsSeries, failedSeries;
    private long lastRequests, lastFailed;

    public MicroservicesCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(MicroservicesPattern.Options, options))
    {
        Settings = MicroservicesSettings.From(Options);
        Network.Conditions = new LinkConditions(Settings.NetworkDelay, Settings.NetworkDelay / 2);
        Policy = new RegistryPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 0.85);
        Registry = new RegistryNode(this, Policy, _ => { });
        Gateway = new FeatureGateway(this);
        Monolith = new DownstreamService(this, MonolithId, "Monolith", new ServiceProfile(32, 64, MicroserviceInstance.ServiceTime, MicroserviceInstance.ServiceTime), ReportError);
        AddNode(Gateway);
        AddNode(Registry);
        foreach (string service in Service.All)
        {
            deployments.Add(service, new ServiceDeployment(this, service, Settings.Replicas, ServiceVersion.First, Settings.SurgeShare, Settings.UnavailableShare,
                ProbeSettings.Default, n => AddInstance(service, n))
            {
                Terminated = ForgetFaultsOn,
            });
            serviceBooks.Add(service, new CallStats());
        }
        AddNode(Monolith);
        foreach (var feature in Features)
        {
            featureBooks.Add(feature.Id, new CallStats());
            worksSeries.Add(feature.Id, AddSeries(Metric.Works(feature.Id), "%"));
        }
        requestsSeries = AddSeries(Metric.Requests, "per s");
        failedSeries = AddSeries(Metric.Failed, "per s");
        Invariants.Add(new FailureStaysInItsServiceMonitor(this));
        Start();
    }

    public MicroservicesSettings Settings { get; }

    public RegistryPolicy Policy { get; }

    public RegistryNode Registry { get; }

    public FeatureGateway Gateway { get; }

    public DownstreamService Monolith { get; }

    /// <summary>Break it: one process serves every feature.</summary>
    public bool IsMonolith { get; private set; }

    /// <summary>Break it: the gateway waits for every call as long as it takes.</summary>
    public bool NoTimeouts { get; private set; }

    public long InternalErrors { get; private set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => MicroservicesPattern.Faults;

    public ServiceDeployment Deployment(string service) => deployments[service];

    public CallStats Book(string feature) => featureBooks[feature];

    public CallStats ServiceBook(string service) => serviceBooks[service];

    public TimeSpan AddedLatency(string service) => slowBy.GetValueOrDefault(service);

    public IEnumerable<MicroserviceInstance> Instances => Service.All.SelectMany(s => deployments[s].Slots.Cast<MicroserviceInstance>());

    public static string ServiceOf(string instanceId) => instanceId[..instanceId.LastIndexOf('-')];

    public static bool IsInstanceOf(string instanceId, string service) =>
        instanceId.Length > service.Length && instanceId[service.Length] == '-' && instanceId.StartsWith(service, StringComparison.Ordinal);

    /// <summary>True while the service fails, or failed less than <see cref="Settling"/> ago, by a fault or for want of a ready instance.</summary>
    public bool IsFailing(string service) => failingUntil.TryGetValue(service, out var until) && until > Clock.Now;

    internal void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }

    protected override object? DescribeDetails() => Details();

    protected override bool AreLinked(SimulationNode a, SimulationNode b)
    {
        bool Is<T>() => a is T || b is T;
        bool gateway = a == Gateway || b == Gateway;
        bool registry = a == Registry || b == Registry;
        bool monolith = a == Monolith || b == Monolith;
        bool instance = a is MicroserviceInstance { IsLive: true } || b is MicroserviceInstance { IsLive: true };
        return monolith ? gateway && IsMonolith : (gateway && (registry || (instance && !IsMonolith))) || (registry && instance && Is<MicroserviceInstance>());
    }

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        return node switch
        {
            MicroserviceInstance i => new NodeView(node.Id, node.Label, InstanceState(i), node.IsUp, lifecycle,
                new Dictionary<string, object?>
                {
                    [Property.Service] = i.Service,
                    [Property.Version] = i.Version?.Name,
                    [Property.Phase] = PhaseWord(i.Phase),
                    [Property.Served] = i.Served,
                    [Property.Busy] = i.Busy,
                    [Property.Broken] = i.Version?.IsBroken == true,
                }),
            FeatureGateway g => new NodeView(node.Id, node.Label, State.Gateway, node.IsUp, lifecycle,
                new Dictionary<string, object?> { [Property.Busy] = g.Busy }),
            DownstreamService m => new NodeView(node.Id, node.Label,
                !m.IsUp ? lifecycle : !IsMonolith ? State.Idle : m.AddedLatency > TimeSpan.Zero ? State.Slow : State.Serving, node.IsUp, lifecycle,
                new Dictionary<string, object?> { [Property.Served] = m.Answered, [Property.Busy] = m.Busy }),
            _ => new NodeView(node.Id, node.Label, node.IsUp ? State.Registry : lifecycle, node.IsUp, lifecycle, new Dictionary<string, object?>()),
        };
    }

    public static string PhaseWord(InstancePhase phase) => phase switch
    {
        InstancePhase.Vacant => "vacant",
        InstancePhase.Starting => "starting",
        InstancePhase.Ready => "ready",
        InstancePhase.Unready => "not ready",
        _ => "terminating",
    };

    public static string InstanceState(MicroserviceInstance instance) =>
        instance.Phase == InstancePhase.Vacant ? PhaseWord(instance.Phase)
        : !instance.IsUp ? LifecycleFaults.LifecycleWord(instance.Lifecycle)
        : $"{PhaseWord(instance.Phase)} {instance.Version?.Name}";

    protected override void SampleMetrics()
    {
        NoteFailingServices();
        var now = Clock.Now;
        long requests = 0, failed = 0;
        foreach (var feature in Features)
        {
            var book = featureBooks[feature.Id];
            var recent = book.Over(now, TimeSpan.FromSeconds(2));
            Record(worksSeries[feature.Id], Math.Round(100 * recent.SuccessRatio, 1));
            requests += book.Total.Requests;
            failed += book.Total.Requests - book.Total.Success;
        }
        Record(requestsSeries, (requests - lastRequests) / SampleInterval.TotalSeconds);
        Record(failedSeries, (failed - lastFailed) / SampleInterval.TotalSeconds);
        (lastRequests, lastFailed) = (requests, failed);
    }

    protected override void OnFaultsChanged() => NoteFailingServices();

    /// <summary>Marks the services a fault aims at, or with no ready instance, as failing for <see cref="Settling"/> from now.</summary>
    private void NoteFailingServices()
    {
        var until = Clock.Now + Settling;
        foreach (var fault in Faults.Active)
        {
            if (fault.Target is { } target && Node(target) is MicroserviceInstance instance)
            {
                failingUntil[instance.Service] = until;
            }
        }
        foreach (var (service, deployment) in deployments)
        {
            // A version with a bug that takes traffic is a failure of its service, faults or not.
            if (deployment.Ready == 0 || Instances.Any(i => i.Service == service && i.IsReady && i.Version?.IsBroken == true))
            {
                failingUntil[service] = until;
            }
        }
    }

    private MicroserviceInstance AddInstance(string service, int number)
    {
        var instance = new MicroserviceInstance(this, service, number);
        AddNode(instance);
        if (IsStarted)
        {
            instance.Start();
        }
        return instance;
    }

    // A slot whose instance stopped for good takes no undo of a kill aimed at it: the next instance there is another process.
    private void ForgetFaultsOn(DeployableNode slot) =>
        Faults.Forget(f => f.Target == slot.Id && f.FaultId is Fault.CrashInstance);
}
