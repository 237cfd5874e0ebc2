using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>Circuit Breaker on Polly's own strategy, in simulated time: identity, options, faults and explanation.</summary>
public static class CircuitBreakerPattern
{
    public const string Id = "circuit-breaker";

    /// <summary>Keys of the node properties pages read (services: breaker to received; the caller: busySlots to waiting).</summary>
    public static class Property
    {
        public const string Breaker = "breaker";
        public const string ErrorRate = "errorRate";
        public const string AddedLatencyMs = "addedLatencyMs";
        public const string Busy = "busy";
        public const string Queued = "queued";
        public const string Received = "received";
        public const string BusySlots = "busySlots";
        public const string Slots = "slots";
        public const string Waiting = "waiting";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string CallerBusySlots = "caller busy slots";

        /// <summary>"a success/s", "b no slot/s": calls to one service per second, by outcome.</summary>
        public static string Outcome(string serviceId, string outcomeWord) => $"{OutcomePrefix(serviceId)}{outcomeWord}/s";

        /// <summary>What the names of one service's outcome series start with ("a ").</summary>
        public static string OutcomePrefix(string serviceId) => serviceId + " ";
    }

    /// <summary>A service's state as its node shows it.</summary>
    public static class Health
    {
        public const string Healthy = "healthy";
        public const string Failing = "failing";
        public const string Slow = "slow";
        public const string Down = "down";
    }

    /// <summary>The two downstream services, by node id.</summary>
    public const string ServiceA = "a";
    public const string ServiceB = "b";
    public const string CallerId = "caller";

    // Polly's own limits (CircuitBreakerStrategyOptions): durations from 0.5 s to one day.
    public const double MinDurationMs = 500;
    public const double MaxDurationMs = 86_400_000;

    public static class Option
    {
        public const string CallerSlots = "callerSlots";
        public const string CallerMaxWaitMs = "callerMaxWaitMs";
        public const string CallTimeoutMs = "callTimeoutMs";
        public const string LoadPerService = "loadPerService";
        public const string FailureRatio = "failureRatio";
        public const string MinimumThroughput = "minimumThroughput";
        public const string SamplingDurationMs = "samplingDurationMs";
        public const string BreakDurationMs = "breakDurationMs";
    }

    public static class Fault
    {
        public const string ErrorRate = "error-rate";
        public const string Latency = "latency";
        public const string HardDown = "hard-down";
        public const string Recover = "recover";
        public const string Load = "load";
        public const string Isolate = "isolate";
        public const string Close = "close";
        public const string SetFailureRatio = "set-failure-ratio";
        public const string SetMinimumThroughput = "set-minimum-throughput";
        public const string SetSamplingDuration = "set-sampling-duration";
        public const string SetBreakDuration = "set-break-duration";
        public const string RemoveBreakers = "remove-breakers";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.CallerSlots, "Caller slots", "Calls the caller can have in progress at once (its worker pool).", 1, 100, 8, "slots", IsInteger: true),
        new(Option.CallerMaxWaitMs, "Wait for a slot", "How long a request waits for a free slot before it fails.", 100, 10_000, 1000, "ms", IsInteger: true),
        new(Option.CallTimeoutMs, "Call timeout", "How long a call may take before Polly's timeout gives up on it.", 50, 10_000, 2000, "ms", IsInteger: true),
        new(Option.LoadPerService, "Load per service", "Requests per second the caller makes to each service.", 0, 200, 20, "per s"),
        new(Option.FailureRatio, "Failure ratio", "Share of failed calls in the sampling window that opens the circuit: above 0, at most 1.", 0, 1, 0.5),
        new(Option.MinimumThroughput, "Minimum throughput", "Calls the sampling window must hold before the ratio counts (2 or more).", 2, int.MaxValue, 10, "calls", IsInteger: true),
        new(Option.SamplingDurationMs, "Sampling duration", "The rolling window over which failures are counted.", MinDurationMs, MaxDurationMs, 5000, "ms", IsInteger: true),
        new(Option.BreakDurationMs, "Break duration", "How long the circuit stays open before it lets one probe through.", MinDurationMs, MaxDurationMs, 5000, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.ErrorRate, "Error rate", "The service answers this share of requests with a server error.", FaultTarget.Node,
            new FaultParameter("error rate", 0, 100, "%", 100)),
        new(Fault.Latency, "Added latency", "Every request to the service takes this much longer.", FaultTarget.Node,
            new FaultParameter("latency", 0, 10_000, "ms", 3000)),
        new(Fault.HardDown, "Hard down", "The service stops answering at all: calls to it time out.", FaultTarget.Node),
        new(Fault.Recover, "Recover", "Ends every fault on the service: no errors, no added latency, up again.", FaultTarget.Node, IsInstant: true),
        new(Fault.Load, "Set load", "Requests per second the caller makes to this service.", FaultTarget.Node,
            new FaultParameter("load", 0, 200, "per s", 20), IsInstant: true),
        new(Fault.Isolate, "Isolate circuit", "Holds the circuit open by hand (Polly's manual control) until closed.", FaultTarget.Node),
        new(Fault.Close, "Close circuit", "Closes the circuit by hand and resets its statistics.", FaultTarget.Node, IsInstant: true),
        new(Fault.SetFailureRatio, "Set failure ratio", "Failure ratio that opens the circuit; the breaker is rebuilt with it.", FaultTarget.Node,
            new FaultParameter("failure ratio", 0, 1, "", 0.5), IsInstant: true),
        new(Fault.SetMinimumThroughput, "Set minimum throughput", "Calls the window needs before the ratio counts; the breaker is rebuilt with it.", FaultTarget.Node,
            new FaultParameter("minimum throughput", 2, int.MaxValue, "calls", 10), IsInstant: true),
        new(Fault.SetSamplingDuration, "Set sampling duration", "The rolling failure window; the breaker is rebuilt with it.", FaultTarget.Node,
            new FaultParameter("sampling duration", MinDurationMs, MaxDurationMs, "ms", 5000), IsInstant: true),
        new(Fault.SetBreakDuration, "Set break duration", "How long the circuit stays open; the breaker is rebuilt with it.", FaultTarget.Node,
            new FaultParameter("break duration", MinDurationMs, MaxDurationMs, "ms", 5000), IsInstant: true),
        new(Fault.RemoveBreakers, "Break it: remove the circuit breakers",
            "Calls go straight to the services with only a timeout: a slow service holds the caller's slots, and calls to the healthy one fail too.",
            IsBreakIt: true)
        {
            // A slow service A holds every caller slot, so calls to the healthy B fail too.
            Demonstration = [new FaultRequest(Fault.Latency, ServiceA)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "A service that calls others shares its threads, connections and time among all of them. When one dependency " +
                 "becomes slow or starts failing, every call to it still waits for a timeout, holding a slot while it waits. " +
                 "Soon no slot is free and requests for healthy dependencies fail as well: one fault cascades through the system.",
        HowItWorks: "A breaker sits in front of each dependency and counts outcomes over a rolling window. While Closed, calls pass. " +
                    "When enough calls were made and the share of failures reaches the failure ratio, it opens: calls fail at once " +
                    "(here a fallback answer is served) without touching the dependency. After the break duration it turns Half-Open " +
                    "and lets one probe through: success closes it, failure opens it again. An operator can also isolate it (hold it open) " +
                    "or close it by hand.",
        Benefits:
        [
            "A failing dependency costs microseconds instead of a timeout, so the caller keeps its slots for healthy work.",
            "The failing service gets room to recover instead of a wall of retries.",
            "Callers get a quick, predictable answer, or a fallback, instead of hanging.",
        ],
        TradeOffs:
        [
            "Thresholds need tuning: too eager and a blip cuts off a healthy service, too lax and the cascade has begun before it opens.",
            "While open, even requests that would have succeeded are refused until a probe succeeds.",
            "A fallback must make sense for the business; sometimes there is none and the error must surface.",
            "Each instance keeps its own statistics, so instances of one caller may disagree about a dependency.",
        ],
        UsedBy:
        [
            "Netflix Hystrix, which popularized the pattern and its dashboard, and its successor Resilience4j.",
            "Polly in .NET (the breaker simulated here), also behind Microsoft.Extensions.Http.Resilience.",
            "Envoy and Istio apply outlier detection and circuit breaking between services.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Circuit Breaker",
        "Two services behind Polly circuit breakers: fail one, watch its breaker open and the other keep serving; remove the breakers to see the cascade.",
        Info,
        Options,
        (seed, options) => new CircuitBreakerCluster(seed, options));
}
