using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.Timeout;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>
/// An application, its ambassador and a remote service. The application waits for each answer with its own timeout;
/// the ambassador retries for it. Faults live in AmbassadorFaults.cs, monitors in AmbassadorInvariants.cs.
/// </summary>
public sealed partial class AmbassadorCluster : SimulationBase
{
    /// <summary>Service capacity kept small on purpose, so that multiplied load shows as overload.</summary>
    public static readonly ServiceProfile RemoteProfile = new(4, 20, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30));

    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly ResiliencePipeline<ServiceReply> appPipeline;
    private readonly MetricSeries requestsSeries, attemptsSeries, successSeries, failureSeries, latencySeries;

    public AmbassadorCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(AmbassadorPattern.Options, options))
    {
        Settings = AmbassadorSettings.From(Options);
        Network.Conditions = new Network.LinkConditions(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1));
        App = new LoadCaller(this, AppId, "Application", new CallerLimits(50, Settings.RequestTimeout), ReportError)
        {
            Serve = ServeAsync,
            Record = (_, outcome) => AppStats.Add(Clock.Now, outcome),
        };
        App.SetRate(ServiceId, Settings.LoadPerSecond);
        Ambassador = new AmbassadorNode(this, Settings);
        Service = new DownstreamService(this, ServiceId, "Remote service", RemoteProfile, ReportError);
        AddNode(App);
        AddNode(Ambassador);
        AddNode(Service);
        appPipeline = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = Clock }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = Settings.RequestTimeout })
            .Build();
        requestsSeries = AddSeries(Metric.Requests, "per s");
        attemptsSeries = AddSeries(Metric.Attempts, "per s");
        successSeries = AddSeries(Metric.Answered, "per s");
        failureSeries = AddSeries(Metric.Failed, "per s");
        latencySeries = AddSeries(Metric.LatencyP90, "ms");
        Invariants.Add(new AttemptLimitMonitor(Ambassador));
        Invariants.Add(new RetryBudgetMonitor(this));
        Start();
    }

    public AmbassadorSettings Settings { get; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => AmbassadorPattern.Faults;

    public LoadCaller App { get; }

    public AmbassadorNode Ambassador { get; }

    public DownstreamService Service { get; }

    /// <summary>The application's requests, as it saw them end (answered, failed, no slot).</summary>
    public CallStats AppStats { get; } = new();

    /// <summary>Attempts that reached the service, from the ambassador or (bypassed) from the application.</summary>
    public CallStats AttemptStats { get; } = new();

    public bool RetryStorm { get; private set; }

    public bool Bypassed { get; private set; }

    public int InternalErrors { get; private set; }

    public AmbassadorDetails Details()
    {
        var now = Clock.Now;
        var requests = AppStats.Over(now, RateWindow);
        var attempts = AttemptStats.Over(now, RateWindow);
        var recent = AppStats.Over(now, RetryBudget.Window);
        var recentAttempts = AttemptStats.Over(now, RetryBudget.Window);
        var latency = AppStats.Percentiles();
        return new AmbassadorDetails(
            requests.Requests, attempts.Completed,
            recent.Completed == 0 ? 0 : Math.Round((double)recentAttempts.Completed / recent.Completed, 2),
            Math.Round(100 * recent.SuccessRatio, 1), latency.P50, latency.P90, latency.P99,
            Settings.MaxAttempts, Ambassador.MostAttemptsSeen, [.. Ambassador.Histogram], Ambassador.Budget.Refused,
            RetryStorm, Bypassed, Ambassador.IsUp, Ambassador.OwnLog.TakeLast(50).Reverse().ToList());
    }

    internal void RecordAttempt(bool ok, TimeSpan latency)
    {
        AttemptStats.Add(Clock.Now, ok ? CallOutcome.Success : CallOutcome.Failure);
        AttemptStats.AddLatency(latency);
    }

    internal void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }

    protected override object? DescribeDetails() => Details();

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = node.Lifecycle.ToString().ToLowerInvariant();
        var properties = new Dictionary<string, object?>();
        string state;
        if (node == App)
        {
            state = "application";
            properties[Property.BusySlots] = App.BusySlots;
            properties[Property.Waiting] = App.Waiting;
        }
        else if (node == Ambassador)
        {
            state = !node.IsUp ? "crashed" : Bypassed ? "bypassed" : RetryStorm ? "retrying without backoff" : "ambassador";
            properties[Property.MostAttempts] = Ambassador.MostAttemptsSeen;
            properties[Property.RetriesRefused] = Ambassador.Budget.Refused;
        }
        else
        {
            state = !node.IsUp ? "down" : Service.ErrorRate > 0 ? "erroring" : Service.AddedLatency > TimeSpan.Zero ? "spiking" : "healthy";
            properties[Property.Busy] = Service.Busy;
            properties[Property.Queued] = Service.Queued;
            properties[Property.Overloaded] = Service.Overloaded;
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, properties);
    }

    protected override void SampleMetrics()
    {
        var now = Clock.Now;
        var requests = AppStats.Over(now, RateWindow);
        Record(requestsSeries, requests.Requests);
        Record(attemptsSeries, AttemptStats.Over(now, RateWindow).Completed);
        Record(successSeries, requests.Success);
        Record(failureSeries, requests.Failure + requests.NoSlot);
        Record(latencySeries, AppStats.Percentiles().P90);
    }

    private async ValueTask<Outcome<ServiceReply>> ServeAsync(string target, ResilienceContext context)
    {
        var started = Clock.Now;
        bool direct = Bypassed;
        var outcome = await appPipeline.ExecuteOutcomeAsync(
            static (c, s) => s.Self.App.CallAsync(s.To, c), context, (Self: this, To: direct ? ServiceId : AmbassadorId)).ConfigureAwait(false);
        bool ok = outcome.Result is { Ok: true };
        var latency = Clock.Now - started;
        AppStats.Add(Clock.Now, ok ? CallOutcome.Success : CallOutcome.Failure);
        AppStats.AddLatency(latency);
        if (direct)
        {
            RecordAttempt(ok, latency);
        }
        return outcome;
    }
}
