using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ControlPlane;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.Timeout;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// Clients, a pod (the app with its TLS proxy, log shipper and metrics sidecars), a remote app the app calls through
/// both proxies (its own and the remote's), a log store and a config source for the proxy's live setting. The pod's lifecycle is in SidecarPod.cs, faults in
/// SidecarFaults.cs, monitors in SidecarInvariants.cs, the page's picture in SidecarDetails.cs.
/// </summary>
public sealed partial class SidecarCluster : SimulationBase
{
    /// <summary>How long a client waits for its answer.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(3);

    public static readonly ServiceProfile RemoteProfile = new(32, 100, TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(10));

    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly ResiliencePipeline<ServiceReply> clientPipeline;
    private readonly MetricSeries requestsSeries, failedSeries, latencySeries, bufferSeries, droppedSeries, sidecarCpuSeries;

    public SidecarCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(SidecarPattern.Options, options))
    {
        Settings = SidecarSettings.From(Options);
        InitialPolicy = new SidecarPolicy(Settings.Timeout, Tls.V12);
        Desired = InitialPolicy;
        Network.Conditions = new LinkConditions(Settings.NetworkDelay, Settings.NetworkDelay / 2);
        string[] pod = [AppId, .. SidecarIds];
        foreach (string a in pod)
        {
            foreach (string b in pod.Where(b => b != a))
            {
                SetPodLink(a, b);
            }
        }
        SetPodLink(RemoteProxyId, RemoteId);
        SetPodLink(RemoteId, RemoteProxyId);
        SharedBuffer = new LogBuffer(LogSource.Shipper, Settings.BufferLines);
        Clients = new LoadCaller(this, ClientsId, "Clients", new CallerLimits(200, ClientTimeout), ReportError)
        {
            Serve = ServeAsync,
            Record = (_, outcome) => ClientStats.Add(Clock.Now, outcome),
        };
        Clients.SetRate(ProxyId, Settings.RequestsPerSecond);
        Config = new ControlPlaneNode<SidecarPolicy>(this, ConfigId, "Config source", [ProxyId], InitialPolicy);
        Proxy = new TlsProxyNode(this);
        App = new AppNode(this);
        Shipper = new LogShipperNode(this);
        Metrics = new MetricsSidecarNode(this);
        RemoteProxy = new RemoteProxyNode(this);
        Remote = new DownstreamService(this, RemoteId, "Remote app", RemoteProfile, ReportError);
        LogStore = new LogStoreNode(this);
        AddNode(Clients);
        AddNode(Proxy);
        AddNode(App);
        AddNode(Shipper);
        AddNode(Metrics);
        AddNode(RemoteProxy);
        AddNode(Remote);
        AddNode(LogStore);
        AddNode(Config);
        clientPipeline = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = Clock }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = ClientTimeout })
            .Build();
        requestsSeries = AddSeries(Metric.Requests, "per s");
        failedSeries = AddSeries(Metric.Failed, "per s");
        latencySeries = AddSeries(Metric.LatencyP90, "ms");
        bufferSeries = AddSeries(Metric.BufferLines, "lines");
        droppedSeries = AddSeries(Metric.Dropped, "lines");
        sidecarCpuSeries = AddSeries(Metric.SidecarCpu, "%");
        Invariants.Add(new NoLogLineLostMonitor(this));
        Invariants.Add(new SidecarsShareLifecycleMonitor(this));
        Invariants.Add(new NoRedeployForSettingsMonitor(this));
        Start();
    }

    public SidecarSettings Settings { get; }

    public SidecarPolicy InitialPolicy { get; }

    /// <summary>The setting as last asked for, whoever applies it (the proxy, or a rebuild of the app).</summary>
    public SidecarPolicy Desired { get; private set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => SidecarPattern.Faults;

    public LoadCaller Clients { get; }

    public TlsProxyNode Proxy { get; }

    public AppNode App { get; }

    public LogShipperNode Shipper { get; }

    public MetricsSidecarNode Metrics { get; }

    /// <summary>The remote app's own sidecar: the app's calls reach the remote app through it.</summary>
    public RemoteProxyNode RemoteProxy { get; }

    public DownstreamService Remote { get; }

    public LogStoreNode LogStore { get; }

    public ControlPlaneNode<SidecarPolicy> Config { get; }

    /// <summary>The log buffer on the pod's shared volume: the app writes, the shipper reads. It outlives any container.</summary>
    public LogBuffer SharedBuffer { get; }

    public CpuLedger Cpu { get; } = new();

    public RequestTrace Trace { get; } = new();

    /// <summary>The clients' requests as they saw them end.</summary>
    public CallStats ClientStats { get; } = new();

    /// <summary>Break it: TLS, the timeout and log shipping are in the app's own code.</summary>
    public bool ConcernsInApp { get; private set; }

    public int InternalErrors { get; private set; }

    internal void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }

    protected override object? DescribeDetails() => Details();

    protected override bool AreLinked(SimulationNode a, SimulationNode b) => IsLink(a.Id, b.Id) || IsLink(b.Id, a.Id);

    private static bool IsLink(string a, string b) => (a, b) switch
    {
        (ClientsId, ProxyId) or (ClientsId, AppId) or (ProxyId, AppId) or (ProxyId, RemoteProxyId) or (ProxyId, ConfigId) => true,
        (AppId, ShipperId) or (AppId, MetricsId) or (AppId, RemoteProxyId) or (RemoteProxyId, RemoteId) or (ShipperId, LogStoreId) or (AppId, LogStoreId) => true,
        _ => false,
    };

    private void SetPodLink(string a, string b) => Network.SetLinkConditions(a, b, new LinkConditions(SidecarCosts.PodHop, SidecarCosts.PodHop / 5));

    protected override void SampleMetrics()
    {
        var now = Clock.Now;
        var recent = ClientStats.Over(now, RateWindow);
        Record(requestsSeries, recent.Requests);
        Record(failedSeries, recent.Failure + recent.NoSlot);
        Record(latencySeries, ClientStats.Percentiles().P90);
        Record(bufferSeries, SharedBuffer.Count + App.Memory.Count);
        Record(droppedSeries, SharedBuffer.Dropped + App.Memory.Dropped);
        Record(sidecarCpuSeries, CpuShares(now).SidecarPercent);
    }

    private async ValueTask<Outcome<ServiceReply>> ServeAsync(string target, ResilienceContext context)
    {
        var started = Clock.Now;
        string to = ConcernsInApp ? AppId : ProxyId;
        string? tag = Trace.TryStart(started);
        var outcome = await clientPipeline.ExecuteOutcomeAsync(static (c, s) => s.Self.Clients.CallAsync(s.To, s.Tag, c), context,
            (Self: this, To: to, Tag: tag)).ConfigureAwait(false);
        bool ok = outcome.Result is { Ok: true };
        string how = outcome switch
        {
            { Result: { Ok: true } } => "answered",
            { Result: { } r } => r.Detail,
            { Exception: TimeoutRejectedException } => "no answer in time",
            _ => "no answer",
        };
        Trace.Finish(tag, Clock.Now, to == ProxyId ? "TLS proxy → clients (network)" : "app → clients (network)", bySidecar: false, how);
        ClientStats.Add(Clock.Now, ok ? CallOutcome.Success : CallOutcome.Failure);
        ClientStats.AddLatency(Clock.Now - started);
        return outcome;
    }
}
