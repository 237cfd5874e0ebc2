using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// Clients, one gateway (a second on demand) and three services of a few instances each, over the simulated network.
/// Faults live in ApiGatewayFaults.cs, monitors in ApiGatewayInvariants.cs, the page's picture in ApiGatewayDetails.cs.
/// </summary>
public sealed partial class ApiGatewayCluster : SimulationBase
{
    private readonly List<GatewayClientNode> clients = [];
    private readonly List<GatewayNode> gateways = [];
    private readonly List<DownstreamService> instances = [];
    private readonly Dictionary<string, DownstreamService> instanceById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientBook> books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RouteBook> routeBooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> instanceRates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RollingCounter> instanceCounters = new(StringComparer.Ordinal);
    private readonly RollingCounter allowedRate = new(4), limitedRate = new(4), refusedRate = new(4), failedRate = new(4), reachedRate = new(4);
    private readonly MetricSeries allowedSeries, limitedSeries, refusedSeries, failedSeries, reachedSeries;

    public ApiGatewayCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(ApiGatewayPattern.Options, options))
    {
        Settings = ApiGatewaySettings.From(Options);
        Network.Conditions = new LinkConditions(Settings.NetworkDelay, Settings.NetworkDelay / 2);
        Limits = new ClientLimiters(Clock, Settings);
        // The second instance is there from the start, idle until deployed: a spare that receives no traffic.
        gateways.Add(new GatewayNode(this, GatewayId, "Gateway"));
        gateways.Add(new GatewayNode(this, SecondGatewayId, "Gateway 2") { Deployed = false });
        AddNode(gateways[0]);
        var byService = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var profile = new ServiceProfile(1, 20, Settings.ServiceLatency, Settings.ServiceLatency * 0.4);
        foreach (string service in Service.All)
        {
            var ids = new List<string>();
            for (int n = 1; n <= Settings.InstancesPerService; n++)
            {
                var instance = new DownstreamService(this, InstanceId(service, n), $"{char.ToUpperInvariant(service[0])}{service[1..]} {n}", profile, ReportError)
                {
                    Arrived = CheckArrival,
                };
                instances.Add(instance);
                instanceById.Add(instance.Id, instance);
                instanceCounters.Add(instance.Id, new RollingCounter(4));
                ids.Add(instance.Id);
                AddNode(instance);
            }
            byService.Add(service, ids);
        }
        Balancer = new InstanceBalancer(Clock, byService);
        // Around the live view's ring: the gateway on top, services down one side, the spare below, clients up the other.
        AddNode(gateways[1]);
        for (int i = 1; i <= Settings.Clients; i++)
        {
            var client = new GatewayClientNode(this, ClientId(i), $"Client {i}");
            clients.Add(client);
            books.Add(client.Id, new ClientBook(Settings));
            AddNode(client);
        }
        foreach (string route in Route.All)
        {
            routeBooks.Add(route, new RouteBook());
        }
        Invariants.Add(new OnlyValidTokensReachServicesMonitor(this));
        Invariants.Add(new WithinRateLimitMonitor(this));
        allowedSeries = AddSeries(Metric.Allowed, "per s");
        limitedSeries = AddSeries(Metric.Limited, "per s");
        refusedSeries = AddSeries(Metric.Refused, "per s");
        failedSeries = AddSeries(Metric.Failed, "per s");
        reachedSeries = AddSeries(Metric.ReachedServices, "per s");
        Start();
    }

    public ApiGatewaySettings Settings { get; }

    public TokenAuthority Tokens { get; } = new();

    /// <summary>The limiter store both gateway instances share.</summary>
    public ClientLimiters Limits { get; }

    public InstanceBalancer Balancer { get; }

    public CompositeLog Composites { get; } = new();

    public IReadOnlyList<GatewayClientNode> Clients => clients;

    public IReadOnlyList<GatewayNode> Gateways => gateways;

    public IReadOnlyList<DownstreamService> Instances => instances;

    /// <summary>Break it: clients call the services themselves.</summary>
    public bool DirectCalls { get; private set; }

    /// <summary>Requests that reached a service without a valid token; the monitor expects none.</summary>
    public long UnauthenticatedArrivals { get; private set; }

    public TimeSpan? LastUnauthenticatedAt { get; private set; }

    public string? LastUnauthenticated { get; private set; }

    /// <summary>Requests that reached a service instance, for the live rate.</summary>
    public long ReachedServices { get; private set; }

    public long InternalErrors { get; private set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => ApiGatewayPattern.Faults;

    public ClientBook Book(string clientId) => books[clientId];

    public RouteBook RouteBook(string route) => routeBooks[route];

    public bool IsGateway(string nodeId) => gateways.Exists(g => g.Id == nodeId);

    public static string ServiceOfInstance(string instanceId) => instanceId[..instanceId.LastIndexOf('-')];

    /// <summary>Told of every request that goes on to the services, with its client: for tests and measurements that check the bound themselves.</summary>
    public Action<string, TimeSpan>? PassObserver { get; set; }

    /// <summary>A request of the client goes on to the services now: counted per route and checked against the limiter's bound.</summary>
    public void NotePass(string clientId, string route)
    {
        PassObserver?.Invoke(clientId, Clock.Now);
        routeBooks[route].Forwarded++;
        books[clientId].NotePass(Clock.Now, Limits.Kind, (long)(Clock.Now.Ticks / Settings.Window.Ticks));
    }

    internal void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }

    protected override object? DescribeDetails() => Details();

    // Clients talk to the gateways, gateways to the instances; with break it on, clients talk to the instances.
    protected override bool AreLinked(SimulationNode a, SimulationNode b)
    {
        bool client = a is GatewayClientNode || b is GatewayClientNode;
        bool gateway = a is GatewayNode { Deployed: true } || b is GatewayNode { Deployed: true };
        bool instance = a is DownstreamService || b is DownstreamService;
        return DirectCalls ? client && instance : gateway && (client || instance);
    }

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        return node switch
        {
            GatewayNode gateway => new NodeView(node.Id, node.Label,
                !gateway.Deployed ? State.NotDeployed : gateway.IsUp ? State.Gateway : lifecycle, node.IsUp, lifecycle,
                new Dictionary<string, object?> { [Property.Received] = gateway.Received, [Property.Forwarded] = gateway.Forwarded }),
            GatewayClientNode client => new NodeView(node.Id, node.Label, ClientState(client), node.IsUp, lifecycle,
                new Dictionary<string, object?>
                {
                    [Property.Tokens] = Math.Round(Limits.Level(client.Id), 2),
                    [Property.Rate] = client.Rate,
                    [Property.Allowed] = books[client.Id].Allowed,
                    [Property.Limited] = books[client.Id].Limited,
                    [Property.Refused] = books[client.Id].Refused,
                }),
            DownstreamService instance => new NodeView(node.Id, node.Label, InstanceState(instance), node.IsUp, lifecycle,
                new Dictionary<string, object?>
                {
                    [Property.Service] = ServiceOfInstance(instance.Id),
                    [Property.Received] = instance.Received,
                    [Property.Busy] = instance.Busy,
                }),
            _ => new NodeView(node.Id, node.Label, lifecycle, node.IsUp, lifecycle, new Dictionary<string, object?>()),
        };
    }

    public string ClientState(GatewayClientNode client) =>
        !client.IsUp ? LifecycleFaults.LifecycleWord(client.Lifecycle)
        : !Tokens.IsValid(client.Token) ? State.BadToken
        : Faults.IsActive(Fault.Flood, client.Id) ? State.Flooding
        : State.Client;

    public static string InstanceState(DownstreamService instance) =>
        !instance.IsUp ? LifecycleFaults.LifecycleWord(instance.Lifecycle)
        : instance.ErrorRate > 0 ? State.Failing
        : instance.AddedLatency > TimeSpan.Zero ? State.Slow
        : State.Instance;

    protected override void SampleMetrics()
    {
        long allowed = 0, limited = 0, refused = 0, failed = 0;
        foreach (var client in clients)
        {
            var book = books[client.Id];
            book.Sample(Limits.Level(client.Id));
            allowed += book.Allowed;
            limited += book.Limited;
            refused += book.Refused;
            failed += book.Failed + book.TimedOut;
        }
        foreach (var route in routeBooks.Values)
        {
            route.Sample();
        }
        foreach (var instance in instances)
        {
            instanceRates[instance.Id] = instanceCounters[instance.Id].Add(instance.Received);
        }
        Record(allowedSeries, allowedRate.Add(allowed));
        Record(limitedSeries, limitedRate.Add(limited));
        Record(refusedSeries, refusedRate.Add(refused));
        Record(failedSeries, failedRate.Add(failed));
        Record(reachedSeries, reachedRate.Add(ReachedServices));
    }

    // Every request that reaches an instance is judged by the identity provider, whoever sent it.
    private void CheckArrival(string from, ServiceRequest request)
    {
        ReachedServices++;
        if (Tokens.IsValid(request.Credential))
        {
            return;
        }
        UnauthenticatedArrivals++;
        LastUnauthenticatedAt = Clock.Now;
        LastUnauthenticated = $"a request from {from} with {(request.Credential is null ? "no token" : "an expired token")} reached a service";
    }
}
