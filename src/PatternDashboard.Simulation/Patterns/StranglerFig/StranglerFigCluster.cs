using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// Customers, the facade, the monolith, a new service per feature and an idle rewrite, over the simulated network.
/// The migration plan moves one feature at a time; faults live in StranglerFigFaults.cs, monitors in
/// StranglerFigInvariants.cs, the page's picture in StranglerFigDetails.cs.
/// </summary>
public sealed partial class StranglerFigCluster : SimulationBase
{
    private readonly Dictionary<string, FeatureRoute> routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeatureBug> bugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DownstreamService> services = new(StringComparer.Ordinal);
    private readonly SeededRandom bugChance;
    private readonly RollingCounter legacyRate = new(4), newRate = new(4), failedRate = new(4), mismatchRate = new(4);
    private readonly MetricSeries legacySeries, newSeries, failedSeries, mismatchSeries;
    private long answerSequence;

    public StranglerFigCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(StranglerFigPattern.Options, options))
    {
        StageTime = TimeSpan.FromSeconds(Options[Option.StageSeconds]);
        CanaryPercent = (int)Options[Option.CanaryPercent];
        MismatchLimit = Options[Option.MismatchLimitPercent] / 100;
        ErrorLimit = Options[Option.ErrorLimitPercent] / 100;
        var latency = TimeSpan.FromMilliseconds(Options[Option.ServiceLatencyMs]);
        var delay = TimeSpan.FromMilliseconds(Options[Option.NetworkDelayMs]);
        Network.Conditions = new LinkConditions(delay, delay / 2);
        bugChance = Random.Derive("bugs");
        Customers = new CustomerNode(this, Options[Option.RequestsPerSecond]);
        Facade = new FacadeNode(this, TimeSpan.FromMilliseconds(Options[Option.BackendTimeoutMs]));
        var big = new ServiceProfile(64, 400, latency, latency / 2);
        Legacy = Backend(LegacyId, "Monolith", big);
        AddNode(Customers);
        AddNode(Facade);
        AddNode(Legacy);
        foreach (string feature in Feature.All)
        {
            routes.Add(feature, new FeatureRoute(feature));
            bugs.Add(feature, new FeatureBug());
            var service = Backend(ServiceId(feature), $"New {feature}", new ServiceProfile(32, 200, latency, latency / 2));
            services.Add(feature, service);
            AddNode(service);
        }
        Rewrite = Backend(RewriteId, "Rewrite", big);
        AddNode(Rewrite);
        Invariants.Add(new OneAnsweringBackendMonitor(this));
        Invariants.Add(new RollbackRestoresLegacyMonitor(this));
        Invariants.Add(new BugStaysInItsFeatureMonitor(this));
        Invariants.Add(new ChargedOnceMonitor(this));
        legacySeries = AddSeries(Metric.ServedByLegacy, "per s");
        newSeries = AddSeries(Metric.ServedByNew, "per s");
        failedSeries = AddSeries(Metric.Failed, "per s");
        mismatchSeries = AddSeries(Metric.Mismatches, "per s");
        Start();
    }

    public TimeSpan StageTime { get; }

    public int CanaryPercent { get; }

    public double MismatchLimit { get; }

    public double ErrorLimit { get; }

    public CustomerNode Customers { get; }

    public FacadeNode Facade { get; }

    public DownstreamService Legacy { get; }

    /// <summary>The whole monolith rewritten as one system, idle unless "big bang" switches every feature to it.</summary>
    public DownstreamService Rewrite { get; }

    public PaymentLedger Payments { get; } = new();

    /// <summary>Break it: every feature on the rewrite at once, the plan and its rollbacks off.</summary>
    public bool BigBang { get; private set; }

    /// <summary>Checkout is shadowed like a read, so both backends charge.</summary>
    public bool ShadowWrites { get; private set; }

    public long SecondAnswers { get; private set; }
    public TimeSpan? LastSecondAnswerAt { get; private set; }
    public string? LastSecondAnswer { get; private set; }
    public long StrayAnswers { get; private set; }
    public TimeSpan? LastStrayAnswerAt { get; private set; }
    public string? LastStrayAnswer { get; private set; }
    public long InternalErrors { get; private set; }

    /// <summary>Told of every answer a customer gets in time: feature, customer, backend, answer; for tests that judge values.</summary>
    public Action<string, int, string, CustomerResponse>? AnswerObserver { get; set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => StranglerFigPattern.Faults;

    public IEnumerable<FeatureRoute> Routes => Feature.All.Select(f => routes[f]);

    public FeatureRoute Route(string feature) => routes[feature];

    public DownstreamService Service(string feature) => services[feature];

    /// <summary>The feature a new service was built for, or null for another node.</summary>
    public static string? FeatureOf(string nodeId) =>
        nodeId.StartsWith("new-", StringComparison.Ordinal) ? nodeId[4..] : null;

    /// <summary>Features that failed at least half their customers' requests over the last 2 s (with a few requests at least).</summary>
    public IReadOnlyList<string> FailingFeatures()
    {
        List<string>? failing = null;
        foreach (string feature in Feature.All)
        {
            var route = routes[feature];
            if (route.CustomerAnswersInWindow >= 3 && route.CustomerFailedShare >= 0.5)
            {
                (failing ??= []).Add(feature);
            }
        }
        return failing ?? (IReadOnlyList<string>)[];
    }

    internal void NoteAnswer(FeatureRoute route, CustomerRequest request, string backend, ServiceReply reply, TimeSpan routedAt)
    {
        bool byNew = backend != LegacyId;
        if (byNew)
        {
            route.ByNew++;
            route.NewCalls++;
            route.NewFailures += reply.Ok ? 0 : 1;
        }
        else
        {
            route.ByLegacy++;
        }
        route.Failed += reply.Ok ? 0 : 1;
        // Still in the stage a rollback put it in, and routed after it: the monolith must have answered (a big bang
        // overrides every row, so the rewrite's answers are not the row's).
        if (byNew && backend != RewriteId && route.RolledBackAt is { } back && routedAt >= back && route.Stage == RouteStage.Legacy && route.StageSince == back)
        {
            StrayAnswers++;
            LastStrayAnswerAt = Clock.Now;
            LastStrayAnswer = $"{backend} answered request {request.RequestId} of {route.Feature}, routed {(routedAt - back).TotalSeconds:0.###} s after its rollback";
        }
    }

    internal void NoteShadow(FeatureRoute route, ServiceReply primary, ServiceReply? baseline, ServiceReply candidate)
    {
        if (!candidate.Ok)
        {
            route.ShadowErrors++;
            return;
        }
        if (primary.Ok && (baseline is null || baseline.Ok))
        {
            route.Judge.Judge(primary.Detail, baseline?.Detail ?? primary.Detail, candidate.Detail);
        }
    }

    internal void NoteCustomerAnswer(CustomerRequest request, CustomerResponse response)
    {
        var route = routes[request.Feature];
        if (response.Ok)
        {
            route.CustomerOk++;
        }
        else
        {
            route.CustomerFailed++;
        }
        AnswerObserver?.Invoke(request.Feature, request.Customer, response.Backend, response);
    }

    internal void NoteCustomerTimeout(CustomerRequest request) => routes[request.Feature].CustomerFailed++;

    internal void NoteSecondBackend(long requestId, string first, string second)
    {
        SecondAnswers++;
        LastSecondAnswerAt = Clock.Now;
        LastSecondAnswer = $"request {requestId} was answered by {first} and then by {second}";
    }

    internal void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }

    protected override object? DescribeDetails() => Details();

    protected override bool AreLinked(SimulationNode a, SimulationNode b)
    {
        if (a != Facade && b != Facade)
        {
            return false;
        }
        var other = a == Facade ? b : a;
        return other == Customers || other == Legacy || (other == Rewrite ? BigBang : !BigBang);
    }

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        var properties = new Dictionary<string, object?>();
        string state = lifecycle;
        if (node == Customers)
        {
            state = node.IsUp ? State.Customers : lifecycle;
            properties[Property.Rate] = Customers.Rate;
        }
        else if (node == Facade)
        {
            state = node.IsUp ? State.Facade : lifecycle;
            properties[Property.Received] = Facade.Received;
        }
        else if (node is DownstreamService service)
        {
            properties[Property.Received] = service.Received;
            properties[Property.Busy] = service.Busy;
            if (FeatureOf(node.Id) is { } feature)
            {
                var route = routes[feature];
                properties[Property.Feature] = feature;
                properties[Property.Stage] = StageWord(route);
                properties[Property.Buggy] = bugs[feature].Any;
                properties[Property.Held] = route.Held;
                state = !node.IsUp ? lifecycle : bugs[feature].Any ? State.Buggy : BigBang || route.Stage == RouteStage.Legacy ? State.Idle : State.Service;
            }
            else if (node == Rewrite)
            {
                state = !node.IsUp ? lifecycle : BigBang ? State.Rewrite : State.Idle;
            }
            else
            {
                state = node.IsUp ? State.Legacy : lifecycle;
            }
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, properties);
    }

    public static string StageWord(FeatureRoute route) =>
        route.Stage == RouteStage.Canary ? $"canary {route.CanaryPercent}%" : route.Stage.ToString().ToLowerInvariant();

    protected override void SampleMetrics()
    {
        long byLegacy = 0, byNew = 0, failed = 0, mismatches = 0;
        foreach (var route in routes.Values)
        {
            route.Sample(SampleInterval * 8);
            byLegacy += route.ByLegacy;
            byNew += route.ByNew;
            failed += route.Failed;
            mismatches += route.Judge.RealMismatches;
        }
        Record(legacySeries, legacyRate.Add(byLegacy));
        Record(newSeries, newRate.Add(byNew));
        Record(failedSeries, failedRate.Add(failed));
        Record(mismatchSeries, mismatchRate.Add(mismatches));
        // The plan reads the same windows the page shows, as a deploy pipeline reads its dashboards.
        Migrate();
    }

    private DownstreamService Backend(string id, string label, ServiceProfile profile)
    {
        DownstreamService? node = null;
        node = new DownstreamService(this, id, label, profile, ReportError) { Answer = request => Answer(node!, request) };
        return node;
    }

    // The business answer, plus the noise every real answer carries: when it was made and by which process.
    private ServiceReply Answer(DownstreamService node, ServiceRequest request)
    {
        string[] parts = (request.Operation ?? "").Split('/');
        if (parts.Length != 3 || !routes.ContainsKey(parts[0]))
        {
            return new ServiceReply(false, "unknown operation");
        }
        string feature = parts[0];
        int customer = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        bool wrong = false;
        if (node != Legacy)
        {
            var bug = bugs[feature];
            if (bug.Crashes)
            {
                if (!bug.Crashed.Contains(node))
                {
                    bug.Crashed.Add(node);
                }
                Log.Append(node.Id, "bug", $"The new {feature} code crashed {node.Label}");
                node.Crash();
                return ServiceReply.ServerError;
            }
            if (bug.ErrorShare > 0 && bugChance.Chance(bug.ErrorShare))
            {
                return ServiceReply.ServerError;
            }
            wrong = bug.WrongShare > 0 && bugChance.Chance(bug.WrongShare);
        }
        if (Feature.IsWrite(feature))
        {
            Payments.Charge(long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), node.Id, Clock.Now);
        }
        return new ServiceReply(true, FeatureAnswers.Compose(FeatureAnswers.Value(feature, customer, wrong), Clock.Now, node.Id, ++answerSequence));
    }

    /// <summary>What is wrong with one feature's new code, wherever it runs (its own service, or inside the rewrite).</summary>
    private sealed class FeatureBug
    {
        public double ErrorShare { get; set; }
        public double WrongShare { get; set; }
        public bool Crashes { get; set; }
        public List<DownstreamService> Crashed { get; } = [];
        public bool Any => ErrorShare > 0 || WrongShare > 0 || Crashes;
    }
}
