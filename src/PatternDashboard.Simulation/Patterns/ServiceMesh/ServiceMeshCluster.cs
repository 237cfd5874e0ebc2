using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ControlPlane;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.Timeout;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// A client, web, orders and two payment versions, each app beside its sidecar; a control plane that versions and
/// pushes the policy; and a client outside the mesh. Faults live in ServiceMeshFaults.cs, monitors in
/// ServiceMeshInvariants.cs, the page's picture in ServiceMeshDetails.cs.
/// </summary>
public sealed partial class ServiceMeshCluster : SimulationBase
{
    /// <summary>Requests a second the client outside the mesh sends while its fault is on.</summary>
    public const double OutsideRate = 5;

    /// <summary>The client app's own last resort; the edge proxy's policy gives up well before.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    // Keyed by caller and callee as a pair: looked up on every attempt, so no key string is built.
    private readonly Dictionary<(string From, string To), EdgeStats> edges = [];
    private readonly Dictionary<string, SidecarProxy> proxies = new(StringComparer.Ordinal);
    private readonly List<SidecarProxy> proxyList = [];
    private readonly Dictionary<string, MeshApp> apps = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline<ServiceReply> clientDeadline;
    private readonly CallStats clientBook = new();
    private readonly MetricSeries requestsSeries, leafSeries, leafLoadSeries, okSeries;
    private long nextRoot = 1;

    public ServiceMeshCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(ServiceMeshPattern.Options, options))
    {
        var delay = TimeSpan.FromMilliseconds(Options[Option.NetworkDelayMs]);
        Network.Conditions = new LinkConditions(delay, delay / 2);
        var initial = new MeshPolicy((int)Options[Option.Retries], false, (int)Options[Option.CanaryPercent], true,
            TimeSpan.FromMilliseconds(Options[Option.AttemptTimeoutMs]));
        clientDeadline = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = Clock }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = ClientTimeout })
            .Build();

        Client = new LoadCaller(this, ClientId, "Client", new CallerLimits(400, TimeSpan.FromSeconds(1)), ReportError)
        {
            Serve = (_, context) => ServeClientAsync(context),
            Record = (_, outcome) => clientBook.Add(Clock.Now, outcome),
        };
        Outside = new LoadCaller(this, OutsideId, "Outside client", new CallerLimits(50, TimeSpan.FromSeconds(1)), ReportError)
        {
            Serve = (_, context) => ServeOutsideAsync(context),
            Record = (_, _) => { },
        };
        AddNode(Client);
        AddPair(ClientId, "Client app", Service.Web, hop: 1, [new Upstream(WebId, _ => 1)], initial, callsDownstream: false, isClient: true);
        AddPair(WebId, "Web", Service.Web, hop: 2, [new Upstream(OrdersId, _ => 1)], initial, callsDownstream: true);
        AddPair(OrdersId, "Orders", Service.Orders, hop: 3,
            [new Upstream(PayV1Id, p => 100 - p.CanaryPercent), new Upstream(PayV2Id, p => p.CanaryPercent)], initial, callsDownstream: true);
        AddPair(PayV1Id, "Payments v1", Service.Payments, hop: 0, [], initial, callsDownstream: false);
        AddPair(PayV2Id, "Payments v2 (canary)", Service.Payments, hop: 0, [], initial, callsDownstream: false);
        AddNode(Outside);
        ControlPlane = new ControlPlaneNode<MeshPolicy>(this, ControlPlaneId, "Control plane", Proxies, initial);
        AddNode(ControlPlane);

        AddEdge(ClientProxyId, WebId, "client → web");
        AddEdge(OutsideId, WebId, "outside → web");
        AddEdge(WebProxyId, OrdersId, "web → orders");
        AddEdge(OrdersProxyId, PayV1Id, "orders → pay-v1");
        AddEdge(OrdersProxyId, PayV2Id, "orders → pay-v2");

        requestsSeries = AddSeries(Metric.Requests, "per s");
        leafSeries = AddSeries(Metric.LeafAttempts, "per s");
        leafLoadSeries = AddSeries(Metric.LeafLoad, "x");
        okSeries = AddSeries(Metric.ClientOk, "%");
        Invariants.Add(new NoPlaintextUnderStrictMtlsMonitor(this));
        Invariants.Add(new PolicyVersionNeverDecreasesMonitor(this));
        Invariants.Add(new AttemptsBoundedMonitor(this));
        Client.SetRate(ClientProxyId, Options[Option.RequestsPerSecond]);
        Start();
    }

    public LoadCaller Client { get; }

    public LoadCaller Outside { get; }

    public ControlPlaneNode<MeshPolicy> ControlPlane { get; }

    public RootAttempts Attempts { get; } = new();

    /// <summary>Break it: the policy gives every hop the retries.</summary>
    public bool RetriesEveryHop { get; private set; }

    /// <summary>Break it: each app's code sets its own retries and timeouts (<see cref="InCodePolicy"/>).</summary>
    public bool PolicyInCode { get; private set; }

    public bool OutsideClientOn { get; private set; }

    /// <summary>Plaintext requests a proxy running strict mTLS let through; the monitor expects none.</summary>
    public long PlaintextUnderStrict { get; private set; }

    public string? LastPlaintextUnderStrict { get; private set; }

    public long InternalErrors { get; private set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => ServiceMeshPattern.Faults;

    public IReadOnlyList<SidecarProxy> AllProxies => proxyList;

    public SidecarProxy Proxy(string id) => proxies[id];

    public MeshApp App(string id) => apps[id];

    public EdgeStats Edge(string from, string to) => edges[(from, to)];

    public IReadOnlyCollection<EdgeStats> Edges => edges.Values;

    public CallStats ClientBook => clientBook;

    /// <summary>Client requests the edge has started so far; the next gets this number plus one.</summary>
    public long RootsStarted => nextRoot - 1;

    internal long NewRoot() => nextRoot++;

    internal void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }

    /// <summary>Stores a changed policy in the control plane; it reaches the proxies when the control plane runs.</summary>
    internal long Publish(Func<MeshPolicy, MeshPolicy> change, string what)
    {
        long version = ControlPlane.Publish(change(ControlPlane.Desired));
        Log.Append(ControlPlaneId, "policy", ControlPlane.IsUp
            ? $"Policy v{version}: {what}; pushing it to every proxy"
            : $"Policy v{version}: {what}; stored, waiting for the control plane to come back");
        return version;
    }

    internal void NotePolicyApplied(SidecarProxy proxy, long before) =>
        Log.Append(proxy.Id, "policy", $"{proxy.Label} runs policy v{proxy.Applied.Version} (had v{before})");

    internal void NoteArrival(string from, SidecarProxy proxy, MeshCall call, bool refused)
    {
        if (edges.TryGetValue((from, proxy.AppId), out var edge))
        {
            edge.NoteArrival(Clock.Now, call.Mtls, refused);
        }
        if (!call.Mtls && !refused && proxy.Applied.Policy.MtlsStrict)
        {
            PlaintextUnderStrict++;
            LastPlaintextUnderStrict = $"{from} to {proxy.AppId} at {Clock.Now.TotalSeconds:0.0} s";
        }
        if (call.Root != 0 && !refused && apps.TryGetValue(proxy.AppId, out var app))
        {
            Attempts.Add(call.Root, app.Service, Clock.Now, ControlPlane.Desired.AttemptBound);
        }
    }

    internal void NoteRequest(SidecarProxy proxy, Upstream first, ServiceReply reply, TimeSpan latency) =>
        Edge(proxy.Id, first.AppId).NoteRequest(Clock.Now, reply, latency);

    internal void NoteAttempt(SidecarProxy proxy, Upstream upstream, ServiceReply reply) =>
        Edge(proxy.Id, upstream.AppId).NoteAttempt(Clock.Now, reply);

    protected override object? DescribeDetails() => Details();

    protected override bool AreLinked(SimulationNode a, SimulationNode b)
    {
        bool Linked(string x, string y) => (a.Id == x && b.Id == y) || (a.Id == y && b.Id == x);
        if (a == ControlPlane || b == ControlPlane)
        {
            return a is SidecarProxy || b is SidecarProxy;
        }
        return (a is SidecarProxy pa && pa.AppId == b.Id) || (b is SidecarProxy pb && pb.AppId == a.Id)
            || Linked(ClientProxyId, WebProxyId) || Linked(WebProxyId, OrdersProxyId)
            || Linked(OrdersProxyId, PayV1ProxyId) || Linked(OrdersProxyId, PayV2ProxyId) || Linked(OutsideId, WebProxyId);
    }

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        return node switch
        {
            SidecarProxy p => new NodeView(node.Id, node.Label, !p.IsUp ? lifecycle : ProxyState(p), node.IsUp, lifecycle,
                new Dictionary<string, object?>
                {
                    [Property.PolicyVersion] = p.Applied.Version,
                    [Property.Mtls] = MtlsWord(p),
                    [Property.MtlsOff] = p.MtlsOff,
                }),
            MeshApp app => new NodeView(node.Id, node.Label, AppState(app), node.IsUp, lifecycle,
                new Dictionary<string, object?>
                {
                    [Property.Service] = app.Service,
                    [Property.Failing] = app.ErrorRate > 0,
                    [Property.Served] = app.Served,
                }),
            LoadCaller c when c == Outside => new NodeView(node.Id, node.Label, OutsideClientOn ? State.OutsideSending : State.Outside, node.IsUp, lifecycle,
                new Dictionary<string, object?>()),
            LoadCaller => new NodeView(node.Id, node.Label, State.Client, node.IsUp, lifecycle, new Dictionary<string, object?>()),
            _ => new NodeView(node.Id, node.Label, node.IsUp ? State.ControlPlane : lifecycle, node.IsUp, lifecycle,
                new Dictionary<string, object?> { [Property.DesiredVersion] = ControlPlane.DesiredVersion }),
        };
    }

    /// <summary>Short, for under the node: the policy version and how it sends.</summary>
    public static string ProxyState(SidecarProxy proxy) =>
        $"v{proxy.Applied.Version} {(proxy.MtlsOff ? "plaintext" : "mTLS")}{(proxy.Applied.Policy.MtlsStrict ? "" : ", permissive")}";

    public static string MtlsWord(SidecarProxy proxy) =>
        (proxy.MtlsOff ? "sends plaintext" : "sends mTLS") + (proxy.Applied.Policy.MtlsStrict ? ", requires mTLS" : ", accepts plaintext");

    public static string AppState(MeshApp app) =>
        app.ErrorRate > 0 ? $"{State.Failing} {app.ErrorRate:P0}"
        : app.AddedLatency > TimeSpan.Zero ? $"{State.Slow} +{app.AddedLatency.TotalMilliseconds:0} ms"
        : State.Serving;

    protected override void SampleMetrics()
    {
        var now = Clock.Now;
        var window = TimeSpan.FromSeconds(2);
        double requests = Edge(ClientProxyId, WebId).Requests.Over(now, window).Requests / window.TotalSeconds;
        double leaf = LeafAttemptsOver(now, window) / window.TotalSeconds;
        Record(requestsSeries, Math.Round(requests, 1));
        Record(leafSeries, Math.Round(leaf, 1));
        Record(leafLoadSeries, Math.Round(LeafLoad(now, TimeSpan.FromSeconds(5)), 2));
        Record(okSeries, Math.Round(100 * clientBook.Over(now, window).SuccessRatio, 1));
    }

    /// <summary>Attempts that reached payments (either version) over the window; those a breaker refused never left.</summary>
    public double LeafAttemptsOver(TimeSpan now, TimeSpan window)
    {
        var v1 = Edge(OrdersProxyId, PayV1Id).Attempts.Over(now, window);
        var v2 = Edge(OrdersProxyId, PayV2Id).Attempts.Over(now, window);
        return v1.Completed + v2.Completed;
    }

    /// <summary>Attempts at payments per request the client made, over the window.</summary>
    public double LeafLoad(TimeSpan now, TimeSpan window)
    {
        long requests = Edge(ClientProxyId, WebId).Requests.Over(now, window).Requests;
        return requests == 0 ? 0 : LeafAttemptsOver(now, window) / requests;
    }

    private void AddPair(string appId, string label, string service, int hop, IReadOnlyList<Upstream> upstreams, MeshPolicy initial,
        bool callsDownstream, bool isClient = false)
    {
        if (!isClient)
        {
            var app = new MeshApp(this, appId, label, service, callsDownstream);
            apps.Add(appId, app);
            AddNode(app);
        }
        var proxy = new SidecarProxy(this, appId, hop, upstreams, initial);
        proxies.Add(proxy.Id, proxy);
        proxyList.Add(proxy);
        AddNode(proxy);
    }

    private void AddEdge(string from, string to, string label) => edges.Add((from, to), new EdgeStats(from, to, label));

    private async ValueTask<Outcome<ServiceReply>> ServeClientAsync(ResilienceContext context)
    {
        var outcome = await clientDeadline.ExecuteOutcomeAsync(static (c, self) => self.Client.CallAsync(ClientProxyId, c), context, this)
            .ConfigureAwait(false);
        clientBook.Add(Clock.Now, outcome.Result is { Ok: true } ? CallOutcome.Success : CallOutcome.Failure);
        return outcome;
    }

    // Outside the mesh there is no sidecar: one plaintext attempt per request, counted on the edge by the caller.
    private async ValueTask<Outcome<ServiceReply>> ServeOutsideAsync(ResilienceContext context)
    {
        var started = Clock.Now;
        var outcome = await clientDeadline.ExecuteOutcomeAsync(static (c, self) => self.Outside.CallAsync(WebProxyId, c), context, this)
            .ConfigureAwait(false);
        var reply = outcome.Result ?? ProxyNode.TimedOut;
        var edge = Edge(OutsideId, WebId);
        edge.NoteRequest(Clock.Now, reply, Clock.Now - started);
        edge.NoteAttempt(Clock.Now, reply);
        return outcome;
    }
}
