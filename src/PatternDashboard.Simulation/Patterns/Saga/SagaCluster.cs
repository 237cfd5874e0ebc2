using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.Saga.SagaPattern;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// The order saga, both ways on the same orders: a shop, a coordinator with its four services (orchestration), and four
/// services reacting to each other's events on the shared broker (choreography). Which styles run is an option.
/// </summary>
public sealed partial class SagaCluster : MessagingCluster
{
    private readonly Dictionary<SagaStyle, SagaTracker> trackers = [];
    private readonly Dictionary<SagaStyle, int[]> failuresArmed = [];
    private readonly Dictionary<SagaStyle, int[]> timeoutsArmed = [];
    private readonly List<SagaServiceNode> services = [];
    private readonly Dictionary<SagaStyle, (MetricSeries InFlight, MetricSeries Completed)> series = [];
    private readonly Dictionary<SagaStyle, long> completedAtLastSample = [];

    public SagaCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(SagaPattern.Options, options), SettingsFrom(PatternOptions.Resolve(SagaPattern.Options, options)))
    {
        int styles = (int)Options[Option.Styles];
        Styles = styles switch
        {
            OrchestrationOnly => [SagaStyle.Orchestration],
            ChoreographyOnly => [SagaStyle.Choreography],
            _ => [SagaStyle.Orchestration, SagaStyle.Choreography],
        };
        ServiceTime = TimeSpan.FromMilliseconds(Options[Option.ServiceTimeMs]);
        StepTimeout = TimeSpan.FromMilliseconds(Options[Option.StepTimeoutMs]);
        CompensationAttempts = (int)Options[Option.CompensationAttempts];
        TransientRate = Options[Option.TransientPercent] / 100;
        Orders = new OrderBook(Random.Derive("orders"));
        foreach (var style in Styles)
        {
            trackers[style] = new SagaTracker(style);
            failuresArmed[style] = new int[Steps.Count];
            timeoutsArmed[style] = new int[Steps.Count];
            completedAtLastSample[style] = 0;
        }
        Shop = new ShopNode(this, [.. Styles.Select(s => s == SagaStyle.Orchestration ? CoordinatorId : ServiceId(SagaStyle.Choreography, Steps[0].Service))],
            Options[Option.OrderRate]);
        Register(Shop);
        if (Styles.Contains(SagaStyle.Orchestration))
        {
            Coordinator = new CoordinatorNode(this);
            Register(Coordinator);
            foreach (var step in Steps)
            {
                AddService(new OrchestratedServiceNode(this, step));
            }
        }
        if (Styles.Contains(SagaStyle.Choreography))
        {
            foreach (var reaction in Reactions)
            {
                AddSubscription(reaction.Topic, reaction.Subscription);
            }
            foreach (var step in Steps)
            {
                AddService(new ChoreographedServiceNode(this, step));
            }
        }
        foreach (var style in Styles)
        {
            series[style] = style == SagaStyle.Orchestration
                ? (AddSeries(Metric.OrchestratedInFlight, "sagas"), AddSeries(Metric.OrchestratedCompleted, "per s"))
                : (AddSeries(Metric.ChoreographedInFlight, "sagas"), AddSeries(Metric.ChoreographedCompleted, "per s"));
        }
        var audit = new SagaAudit(this);
        Invariants.Add(new SagaEndsMonitor(audit));
        Invariants.Add(new ConservationMonitor(audit));
        Invariants.Add(new NoSagaHangsMonitor(this));
        Invariants.Add(new NoSagaStuckMonitor(this));
        HealthySince = TimeSpan.Zero;
        Start();
    }

    public IReadOnlyList<SagaStyle> Styles { get; }

    public ShopNode Shop { get; }

    /// <summary>Null when orchestration does not run.</summary>
    public CoordinatorNode? Coordinator { get; }

    public IReadOnlyList<SagaServiceNode> Services => services;

    public OrderBook Orders { get; }

    public TimeSpan ServiceTime { get; }

    public TimeSpan StepTimeout { get; }

    public int CompensationAttempts { get; }

    public double TransientRate { get; }

    public bool NoCompensations { get; private set; }

    public bool StepsIdempotent { get; private set; } = true;

    /// <summary>Since when no fault has been active and every node has been up; null while that is not so.</summary>
    public TimeSpan? HealthySince { get; private set; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => SagaPattern.Faults;

    public SagaTracker Tracker(SagaStyle style) => trackers[style];

    public IEnumerable<SagaTracker> Trackers => Styles.Select(s => trackers[s]);

    public IEnumerable<SagaServiceNode> ServicesOf(SagaStyle style) => services.Where(s => s.Style == style);

    internal void ReportError(Exception error) => Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");

    /// <summary>
    /// Whether the business says no to this order at this service's step: an armed "fail the next step", or a draw from
    /// the order and step alone, so the same order fails at the same step in both styles.
    /// </summary>
    internal bool Refuses(SagaServiceNode service, Order order)
    {
        int step = service.Step.Number;
        var armed = failuresArmed[service.Style];
        if (armed[step - 1] > 0)
        {
            armed[step - 1]--;
            return true;
        }
        double baseline = step switch
        {
            2 => Options[Option.DeclinePercent],
            3 => Options[Option.OutOfStockPercent],
            4 => Options[Option.ShippingFailPercent],
            _ => 0,
        } / 100;
        return Draw(order.Number, step) < Math.Min(1, baseline + service.FailureRate);
    }

    /// <summary>Takes an armed "time out the next step" for this style and step, if there is one.</summary>
    internal bool TakeTimeout(SagaStyle style, int step)
    {
        var armed = timeoutsArmed[style];
        if (armed[step - 1] == 0)
        {
            return false;
        }
        armed[step - 1]--;
        return true;
    }

    protected override bool AreLinked(SimulationNode a, SimulationNode b) => Linked(a, b) || Linked(b, a);

    protected override NodeView DescribeOther(SimulationNode node)
    {
        string lifecycle = LifecycleWord(node.Lifecycle);
        var properties = new Dictionary<string, object?>();
        string state = lifecycle;
        switch (node)
        {
            case ShopNode shop:
                properties[Property.Outbox] = shop.Waiting;
                state = node.IsUp ? "taking orders" : lifecycle;
                break;
            case CoordinatorNode coordinator:
                properties[Property.Sagas] = coordinator.SagaLog.OpenSagas;
                properties[Property.LogEntries] = coordinator.SagaLog.Written;
                state = node.IsUp ? "driving sagas" : lifecycle;
                break;
            case SagaServiceNode service:
                properties[Property.Style] = StyleWord(service.Style);
                properties[Property.Step] = service.Step.Number;
                properties[Property.Working] = service.Working;
                properties[Property.FailureRate] = service.FailureRate;
                properties[Property.ErrorRate] = service.ErrorRate;
                properties[Property.TimeoutRate] = service.TimeoutRate;
                if (service is ChoreographedServiceNode choreographed)
                {
                    properties[Property.Outbox] = choreographed.OutboxCount;
                }
                state = node.IsUp ? (service.Working > 0 ? "working" : "idle") : lifecycle;
                break;
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, properties);
    }

    protected override object? DescribeDetails() => SagaDetailsOf();

    protected override void SampleMetrics()
    {
        base.SampleMetrics();
        foreach (var style in Styles)
        {
            var tracker = trackers[style];
            Record(series[style].InFlight, tracker.InFlight);
            Record(series[style].Completed, (tracker.Completed - completedAtLastSample[style]) / SampleInterval.TotalSeconds);
            completedAtLastSample[style] = tracker.Completed;
        }
    }

    protected override void OnFaultsChanged() => NoteHealth();

    /// <summary>Notes when the cluster became healthy; nodes going down happen only through faults.</summary>
    private void NoteHealth()
    {
        bool healthy = Faults.Count == 0 && Nodes.All(n => n.IsUp);
        HealthySince = healthy ? HealthySince ?? Clock.Now : null;
    }

    /// <summary>Sagas a page gets per style, newest first.</summary>
    public const int SagasShown = 12;

    /// <summary>Coordinator log lines a page gets, newest first.</summary>
    public const int LogLinesShown = 30;

    public SagaDetails SagaDetailsOf() => new(
        [.. Styles.Select(StyleDetailsOf)], Steps, NoCompensations, StepsIdempotent, Shop.Placed, Shop.Waiting, Shop.RatePerSecond);

    private StyleDetails StyleDetailsOf(SagaStyle style)
    {
        var tracker = trackers[style];
        var counts = new SagaCounts(tracker.Started, tracker.Completed, tracker.Compensating, tracker.Compensated, tracker.Stuck, tracker.Abandoned, tracker.InFlight);
        var sagas = tracker.Newest(SagasShown).Select(ViewOf).ToList();
        var own = ServicesOf(style).ToList();
        var views = own.Select(s => new ServiceView(s.Id, s.Label, s.Step.Service, s.Step.Number, s.IsUp, s.Ledger.Applied, s.Ledger.Undone, s.Ledger.Refused,
            s.Ledger.DuplicatesSkipped, s.Ledger.Amount, s.Ledger.AmountUndone, s.Ledger.Items, s.Ledger.ItemsUndone, s.Working)).ToList();
        var payment = own.Single(s => s.Step.Number == 2).Ledger;
        var inventory = own.Single(s => s.Step.Number == 3).Ledger;
        var shipping = own.Single(s => s.Step.Number == 4).Ledger;
        var books = new Books(payment.Amount, payment.AmountUndone, shipping.Amount, inventory.Items, inventory.ItemsUndone, shipping.Items);
        if (style == SagaStyle.Orchestration)
        {
            var log = Coordinator!.SagaLog;
            var lines = log.Tail.Reverse().Take(LogLinesShown).Select(e => new LogLine(e.Time, e.Saga, KindWord(e.Kind), e.Step)).ToList();
            return new StyleDetails("orchestration", counts, sagas, views, books, lines, log.OpenSagas, Coordinator.IsUp, Coordinator.Resumed, null, null);
        }
        var queues = Reactions.Select(r => (r, Broker.Subscription(r.Subscription)))
            .Select(x => new EventQueueView(x.r.Topic, x.r.Service, x.Item2.Depth, x.Item2.Leased)).ToList();
        int outboxes = own.OfType<ChoreographedServiceNode>().Sum(s => s.OutboxCount);
        return new StyleDetails("choreography", counts, sagas, views, books, null, null, null, null, queues, outboxes);
    }

    private static SagaView ViewOf(SagaTrace t) => new(
        t.Order.Number, t.Order.Value, t.Order.Quantity, StatusWord(t.Status),
        [.. t.Steps.Select(StateWord)], [.. t.Compensations.Select(StateWord)], [.. t.Attempts], t.FailedAt, [.. t.CompensationOrder],
        t.Started.TotalSeconds, t.Ended?.TotalSeconds, t.StuckReason);

    public static string StatusWord(SagaStatus status) => status.ToString().ToLowerInvariant();

    public static string StateWord(StepState state) => state.ToString().ToLowerInvariant();

    public static string KindWord(LogEntryKind kind) => kind switch
    {
        LogEntryKind.StepDone => "step done",
        LogEntryKind.StepFailed => "step failed",
        LogEntryKind.CompensationDone => "compensated",
        LogEntryKind.Compensated => "saga compensated",
        LogEntryKind.Completed => "saga completed",
        LogEntryKind.Stuck => "saga stuck",
        LogEntryKind.Abandoned => "saga abandoned",
        _ => "saga started",
    };

    private bool Linked(SimulationNode a, SimulationNode b) => a switch
    {
        ShopNode => b is CoordinatorNode || b is ChoreographedServiceNode { Step.Number: 1 },
        CoordinatorNode => b is OrchestratedServiceNode,
        BrokerNode => b is ChoreographedServiceNode,
        _ => false,
    };

    private void AddService(SagaServiceNode service)
    {
        services.Add(service);
        Register(service);
    }

    private double Draw(int order, int step)
    {
        ulong x = (ulong)Seed * 0x9E3779B97F4A7C15UL ^ (ulong)order * 0xBF58476D1CE4E5B9UL ^ (ulong)step * 0x94D049BB133111EBUL;
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private static BrokerSettings SettingsFrom(IReadOnlyDictionary<string, double> options) => new(
        // Long enough for a service to finish its retries; a crashed holder's events come back after it.
        AckTimeout: TimeSpan.FromSeconds(10),
        MaxDeliveries: 1_000,
        QueueCapacity: 5_000,
        DeadLetterCapacity: 100,
        Prefetch: 32,
        TimeSpan.FromMilliseconds(options[Option.ServiceTimeMs]),
        TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));
}
