using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>Ambassador: an out-of-process helper that makes the application's remote calls resilient. Identity, options, faults.</summary>
public static class AmbassadorPattern
{
    public const string Id = "ambassador";

    /// <summary>Keys of the node properties pages read (app: busySlots, waiting; ambassador: mostAttempts, retriesRefused; service: busy to overloaded).</summary>
    public static class Property
    {
        public const string BusySlots = "busySlots";
        public const string Waiting = "waiting";
        public const string MostAttempts = "mostAttempts";
        public const string RetriesRefused = "retriesRefused";
        public const string Busy = "busy";
        public const string Queued = "queued";
        public const string Overloaded = "overloaded";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string Requests = "requests/s";
        public const string Attempts = "attempts/s";
        public const string Answered = "answered/s";
        public const string Failed = "failed/s";
        public const string LatencyP90 = "latency p90";
    }

    /// <summary>The outcome an attempt in the ambassador's log records when it got a good answer.</summary>
    public const string OkOutcome = "ok";

    public const string AppId = "app";
    public const string AmbassadorId = "ambassador";
    public const string ServiceId = "service";

    public static class Option
    {
        public const string LoadPerSecond = "loadPerSecond";
        public const string MaxAttempts = "maxAttempts";
        public const string BaseDelayMs = "baseDelayMs";
        public const string AttemptTimeoutMs = "attemptTimeoutMs";
        public const string RequestTimeoutMs = "requestTimeoutMs";
        public const string RetryBudgetPercent = "retryBudgetPercent";
    }

    public static class Fault
    {
        public const string TransientErrors = "transient-errors";
        public const string LatencySpikes = "latency-spikes";
        public const string ServiceDown = "service-down";
        public const string AmbassadorCrash = "ambassador-crash";
        public const string Bypass = "bypass-ambassador";
        public const string RetryStorm = "retry-storm";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.LoadPerSecond, "Load", "Requests per second the application makes.", 0, 200, 30, "per s"),
        new(Option.MaxAttempts, "Maximum attempts", "Attempts per request at most: the first try and its retries (Polly needs one retry at least).", 2, 10, 4, "attempts", IsInteger: true),
        new(Option.BaseDelayMs, "Base delay", "Wait before the first retry; each later retry waits about twice as long (with jitter).", 0, 5000, 100, "ms", IsInteger: true),
        new(Option.AttemptTimeoutMs, "Attempt timeout", "How long one attempt may take before the ambassador gives up on it.", 50, 10_000, 500, "ms", IsInteger: true),
        new(Option.RequestTimeoutMs, "Request timeout", "How long the application waits for the ambassador's answer.", 100, 30_000, 5000, "ms", IsInteger: true),
        new(Option.RetryBudgetPercent, "Retry budget", "Retries allowed as a share of requests over the last 10 s (plus a few), so an outage cannot multiply the load.", 0, 100, 20, "%"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.TransientErrors, "Transient errors", "The service fails this share of requests at random; a retry often succeeds.",
            Parameter: new FaultParameter("error rate", 0, 100, "%", 10)),
        new(Fault.LatencySpikes, "Latency spikes", "One request in five takes this much longer.",
            Parameter: new FaultParameter("spike", 0, 10_000, "ms", 800)),
        new(Fault.ServiceDown, "Service down", "The remote service stops answering: attempts time out."),
        new(Fault.AmbassadorCrash, "Crash the ambassador", "The helper process dies: the application's calls get no answer until it restarts."),
        new(Fault.Bypass, "Bypass the ambassador", "The application calls the service itself: one attempt, no retries, no log."),
        new(Fault.RetryStorm, "Break it: retries without backoff or budget",
            "Every failure is retried at once, up to the maximum, with no budget: a short outage multiplies the load on the service.",
            IsBreakIt: true)
        {
            // During an outage every failure is retried at once: the load on the service multiplies.
            Demonstration = [new FaultRequest(Fault.ServiceDown)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "Every application that calls a remote service needs the same care around the call: timeouts, retries with " +
                 "backoff, logging, metrics, maybe TLS or routing. Written into each application, in each language, this code " +
                 "drifts, and changing it means redeploying every application.",
        HowItWorks: "An ambassador is a helper process deployed next to the application (often in the same pod). The " +
                    "application sends its request to the ambassador as if it were the service; the ambassador makes the remote " +
                    "call for it: it times out slow attempts, retries failures with exponential backoff and jitter within a " +
                    "retry budget, and records what it did. Here the ambassador's policies are Polly pipelines on simulated time.",
        Benefits:
        [
            "One tested implementation of resilience and telemetry for applications in any language.",
            "Operators tune timeouts and retries without touching or redeploying the application.",
            "Transient faults are absorbed: the application sees far fewer errors.",
        ],
        TradeOffs:
        [
            "An extra hop adds a little latency to every call.",
            "The ambassador is one more process to deploy, watch and keep alive; if it dies, the application loses the service.",
            "Careless retries (no backoff, no budget) multiply the load on a struggling service: a retry storm.",
        ],
        UsedBy:
        [
            "Envoy as a sidecar proxy (and in Istio): retries, timeouts and metrics next to each service.",
            "Linkerd's proxy, which pioneered retry budgets.",
            "Dapr sidecars, which apply resiliency policies to service invocation.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Ambassador",
        "An application calls a remote service through a helper that retries with backoff and jitter; break the backoff to see a retry storm.",
        Info,
        Options,
        (seed, options) => new AmbassadorCluster(seed, options));
}
