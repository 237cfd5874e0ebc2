using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>
/// A caller with a fixed worker pool calls two services, each through its own Polly circuit breaker with a fallback.
/// Faults live in CircuitBreakerFaults.cs, monitors in CircuitBreakerInvariants.cs.
/// </summary>
public sealed partial class CircuitBreakerCluster : SimulationBase
{
    /// <summary>The window over which a service's success share is judged (details, the healthy-service monitor).</summary>
    public static readonly TimeSpan SuccessWindow = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, ServiceBreaker> breakers = new(StringComparer.Ordinal);
    // The same breakers in order, kept once: monitors read them after every event.
    private readonly List<ServiceBreaker> breakerList = [];
    private readonly Dictionary<string, DownstreamService> services = new(StringComparer.Ordinal);
    private readonly List<(string Service, CallOutcome Outcome, MetricSeries Series)> outcomeSeries = [];
    private readonly MetricSeries busySeries;
    private bool saturated;

    public CircuitBreakerCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(CircuitBreakerPattern.Options, options))
    {
        var settings = CircuitBreakerSettings.From(Options);
        var callTimeout = TimeSpan.FromMilliseconds(Options[Option.CallTimeoutMs]);
        Network.Conditions = new Network.LinkConditions(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1));
        Caller = new LoadCaller(this, CallerId, "Caller",
            new CallerLimits((int)Options[Option.CallerSlots], TimeSpan.FromMilliseconds(Options[Option.CallerMaxWaitMs])), ReportError)
        {
            Serve = ServeAsync,
            Record = (service, outcome) => breakers[service].Stats.Add(Clock.Now, outcome),
            Sending = CheckSending,
        };
        AddNode(Caller);
        foreach (var (id, label) in new[] { (ServiceA, "Service A"), (ServiceB, "Service B") })
        {
            var service = new DownstreamService(this, id, label, ServiceProfile.Default, ReportError);
            services.Add(id, service);
            AddNode(service);
            var breaker = new ServiceBreaker(this, id, label, settings, callTimeout);
            breakers.Add(id, breaker);
            breakerList.Add(breaker);
            Caller.SetRate(id, Options[Option.LoadPerService]);
            foreach (var outcome in Enum.GetValues<CallOutcome>())
            {
                outcomeSeries.Add((id, outcome, AddSeries(Metric.Outcome(id, SeriesWord(outcome)), "per s")));
            }
        }
        busySeries = AddSeries(Metric.CallerBusySlots, "slots");
        Invariants.Add(new LegalTransitionsMonitor(Breakers));
        Invariants.Add(new NoCallWhileOpenMonitor(this));
        Invariants.Add(new HalfOpenProbeMonitor(Breakers));
        Invariants.Add(new HealthyServiceMonitor(this));
        Start();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => CircuitBreakerPattern.Faults;

    public LoadCaller Caller { get; }

    public IReadOnlyList<ServiceBreaker> Breakers => breakerList;

    public ServiceBreaker Breaker(string serviceId) => breakers[serviceId];

    public DownstreamService Service(string serviceId) => services[serviceId];

    /// <summary>True while the "remove the breakers" switch is on.</summary>
    public bool BreakersRemoved { get; private set; }

    /// <summary>Calls that reached a service while its breaker was Open or Isolated; the monitor expects none.</summary>
    public long CallsWhileOpen { get; private set; }

    /// <summary>Errors inside the simulation's own code; any is a bug, logged and counted rather than lost.</summary>
    public int InternalErrors { get; private set; }

    /// <summary>True when a service has no fault of its own (errors, latency, down).</summary>
    public bool IsHealthy(string serviceId) =>
        !Faults.IsActive(Fault.ErrorRate, serviceId) && !Faults.IsActive(Fault.Latency, serviceId) && !Faults.IsActive(Fault.HardDown, serviceId);

    public double SuccessRatio(string serviceId, TimeSpan window) => breakers[serviceId].Stats.Over(Clock.Now, window).SuccessRatio;

    public CircuitBreakerDetails Details() => new(
        [.. breakers.Values.Select(View)], Caller.Limits.Slots, Caller.BusySlots, Caller.Waiting,
        Options[Option.CallTimeoutMs], BreakersRemoved,
        breakers.Keys.ToDictionary(id => id, id => Math.Round(100 * SuccessRatio(id, SuccessWindow), 1), StringComparer.Ordinal));

    // The services never call each other; every call goes from the caller to one of them.
    protected override bool AreLinked(SimulationNode a, SimulationNode b) => a == Caller || b == Caller;

    protected override object? DescribeDetails() => Details();

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = node.Lifecycle.ToString().ToLowerInvariant();
        if (node is DownstreamService service)
        {
            string state = !service.IsUp ? Health.Down : service.ErrorRate > 0 ? Health.Failing : service.AddedLatency > TimeSpan.Zero ? Health.Slow : Health.Healthy;
            return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, new Dictionary<string, object?>
            {
                [Property.Breaker] = BreakersRemoved ? "removed" : breakers[node.Id].State,
                [Property.ErrorRate] = service.ErrorRate,
                [Property.AddedLatencyMs] = service.AddedLatency.TotalMilliseconds,
                [Property.Busy] = service.Busy,
                [Property.Queued] = service.Queued,
                [Property.Received] = service.Received,
            });
        }
        return new NodeView(node.Id, node.Label, "caller", node.IsUp, lifecycle, new Dictionary<string, object?>
        {
            [Property.BusySlots] = Caller.BusySlots,
            [Property.Slots] = Caller.Limits.Slots,
            [Property.Waiting] = Caller.Waiting,
        });
    }

    protected override void SampleMetrics()
    {
        var now = Clock.Now;
        foreach (var (service, outcome, series) in outcomeSeries)
        {
            Record(series, Rate(breakers[service].Stats.Over(now, TimeSpan.FromSeconds(1)), outcome));
        }
        Record(busySeries, Caller.BusySlots);
        bool full = Caller.Waiting > 0;
        if (full != saturated)
        {
            saturated = full;
            Log.Append(CallerId, "caller", full
                ? $"Caller saturated: all {Caller.Limits.Slots} slots busy, {Caller.Waiting} requests waiting for one"
                : "Caller has free slots again");
        }
    }

    private ValueTask<Outcome<ServiceReply>> ServeAsync(string serviceId, ResilienceContext context)
    {
        var breaker = breakers[serviceId];
        var pipeline = BreakersRemoved ? breaker.Unguarded : breaker.Guarded;
        return pipeline.ExecuteOutcomeAsync(static (c, s) => s.Self.CallAsync(s.Breaker, c), context, (Self: this, Breaker: breaker));
    }

    private async ValueTask<Outcome<ServiceReply>> CallAsync(ServiceBreaker breaker, ResilienceContext context)
    {
        var started = Clock.Now;
        bool probe = !BreakersRemoved && breaker.NoteCallSent();
        var outcome = await Caller.CallAsync(breaker.ServiceId, context).ConfigureAwait(false);
        bool ok = outcome.Result is { Ok: true };
        breaker.Stats.AddLatency(Clock.Now - started);
        breaker.Stats.Add(Clock.Now, ok ? CallOutcome.Success : CallOutcome.Failure);
        if (probe)
        {
            breaker.NoteProbeResult(ok, outcome.Result?.Detail ?? "timed out");
        }
        return outcome;
    }

    private void CheckSending(string serviceId)
    {
        if (!BreakersRemoved && breakers[serviceId].State is BreakerStates.Open or BreakerStates.Isolated)
        {
            CallsWhileOpen++;
        }
    }

    private BreakerView View(ServiceBreaker breaker)
    {
        var now = Clock.Now;
        var settings = breaker.Settings;
        var window = breaker.Stats.Over(now, settings.SamplingDuration);
        var second = breaker.Stats.Over(now, TimeSpan.FromSeconds(1));
        var latency = breaker.Stats.Percentiles();
        var service = services[breaker.ServiceId];
        string state = BreakersRemoved ? BreakerStates.Removed : breaker.State;
        double? halfOpenIn = state == BreakerStates.Open && breaker.OpenedAt is { } opened
            ? Math.Max(0, (opened + settings.BreakDuration - now).TotalSeconds)
            : null;
        return new BreakerView(
            breaker.ServiceId, service.Label, state, now.TotalSeconds - breaker.Timeline.Since, halfOpenIn,
            Math.Round(100 * window.ErrorRatio, 1), window.Requests,
            new OutcomeRates(second.Success, second.Failure, second.Rejected, second.Fallback, second.NoSlot),
            latency.P50, latency.P90, latency.P99,
            settings.FailureRatio, settings.MinimumThroughput, settings.SamplingDuration.TotalMilliseconds, settings.BreakDuration.TotalMilliseconds,
            breaker.ProbesThisHalfOpen, breaker.LastProbe, [.. breaker.Timeline.Spans],
            new ServiceView(service.ErrorRate * 100, service.AddedLatency.TotalMilliseconds, !service.IsUp, Caller.RateOf(breaker.ServiceId),
                service.Busy, service.Queued));
    }

    private static double Rate(OutcomeCounts counts, CallOutcome outcome) => outcome switch
    {
        CallOutcome.Success => counts.Success,
        CallOutcome.Failure => counts.Failure,
        CallOutcome.Rejected => counts.Rejected,
        CallOutcome.Fallback => counts.Fallback,
        _ => counts.NoSlot,
    };

    private static string SeriesWord(CallOutcome outcome) => outcome switch
    {
        CallOutcome.NoSlot => "no slot",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private void ReportError(Exception error)
    {
        InternalErrors++;
        Log.Append(null, "error", $"Internal error: {error.GetType().Name}: {error.Message}");
    }
}
