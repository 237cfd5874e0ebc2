using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>Where a feature stands in its migration, as a row of the facade's routing table.</summary>
public enum RouteStage
{
    /// <summary>The monolith serves every request.</summary>
    Legacy,

    /// <summary>The monolith answers; the new service gets a copy whose answer is only compared.</summary>
    Shadow,

    /// <summary>A share of customers (by their id) is served by the new service, the rest by the monolith.</summary>
    Canary,

    /// <summary>The new service serves everyone; the monolith's code is still there to roll back to.</summary>
    New,

    /// <summary>The monolith's code for the feature is gone: the new service is all there is.</summary>
    Retired,
}

/// <summary>Strangler Fig: identity, the names pages and the hub read, options, faults and explanation.</summary>
public static class StranglerFigPattern
{
    public const string Id = "strangler-fig";

    /// <summary>Node ids: the customers' load, the facade, the monolith, one new service per feature, and the big-bang rewrite.</summary>
    public const string CustomersId = "customers";
    public const string FacadeId = "facade";
    public const string LegacyId = "legacy";
    public const string RewriteId = "rewrite";

    public static string ServiceId(string feature) => $"new-{feature}";

    /// <summary>The monolith's features, in the order the migration takes them. Checkout is a write: it charges a card.</summary>
    public static class Feature
    {
        public const string Catalog = "catalog";
        public const string Profile = "profile";
        public const string Orders = "orders";
        public const string Checkout = "checkout";

        public static IReadOnlyList<string> All { get; } = [Catalog, Profile, Orders, Checkout];

        public static bool IsWrite(string feature) => feature == Checkout;
    }

    /// <summary>The node states the live view shows.</summary>
    public static class State
    {
        public const string Customers = "customers";
        public const string Facade = "facade";
        public const string Legacy = "monolith";
        public const string Service = "new service";
        public const string Buggy = "buggy";
        public const string Idle = "idle";
        public const string Rewrite = "rewrite";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Feature = "feature";
        public const string Stage = "stage";
        public const string Received = "received";
        public const string Busy = "busy";
        public const string Buggy = "buggy";
        public const string Held = "held";
        public const string Routed = "routed";
        public const string Rate = "requestsPerSecond";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string ServedByLegacy = "served by legacy/s";
        public const string ServedByNew = "served by new/s";
        public const string Failed = "failed/s";
        public const string Mismatches = "real mismatches/s";
    }

    public static class Option
    {
        public const string RequestsPerSecond = "requestsPerSecond";
        public const string StageSeconds = "stageSeconds";
        public const string CanaryPercent = "canaryPercent";
        public const string MismatchLimitPercent = "mismatchLimitPercent";
        public const string ErrorLimitPercent = "errorLimitPercent";
        public const string ServiceLatencyMs = "serviceLatencyMs";
        public const string BackendTimeoutMs = "backendTimeoutMs";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string Crash = LifecycleFaults.Crash;
        public const string Restart = LifecycleFaults.Restart;
        public const string Isolate = NetworkFaults.Isolate;
        public const string Heal = NetworkFaults.Heal;
        public const string Delay = NetworkFaults.Delay;
        public const string Loss = NetworkFaults.Loss;
        public const string Duplicate = NetworkFaults.Duplicate;
        public const string BugErrors = "bug-errors";
        public const string BugWrongAnswers = "bug-wrong-answers";
        public const string BugCrash = "bug-crash";
        public const string Rollback = "rollback";
        public const string ShadowWrites = "shadow-writes";
        public const string BigBang = "big-bang";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.RequestsPerSecond, "Requests", "Requests customers send to the facade per second, spread over the four features.", 4, 200, 40, "per s"),
        new(Option.StageSeconds, "Time per stage", "How long a feature stays in a stage (shadow, each canary step, new) before it may move on.", 2, 120, 8, "s"),
        new(Option.CanaryPercent, "First canary", "Share of customers the new service serves at the first canary step; the second step is half of them.", 1, 50, 10, "%", IsInteger: true),
        new(Option.MismatchLimitPercent, "Mismatch limit", "A feature leaves shadow only while its real mismatches (noise left out) stay under this share.", 0, 50, 1, "%"),
        new(Option.ErrorLimitPercent, "Error limit", "A moved feature whose new service fails more than this share of requests is rolled back to the monolith.", 1, 100, 20, "%"),
        new(Option.ServiceLatencyMs, "Service time", "Least time a backend takes per request.", 1, 500, 15, "ms", IsInteger: true),
        new(Option.BackendTimeoutMs, "Backend timeout", "How long the facade waits for a backend before it answers with an error.", 20, 5000, 300, "ms", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 200, 2, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.BugErrors, "Bug: errors", "The new code for this node's feature fails this share of requests with a server error.",
            FaultTarget.Node, new FaultParameter("error rate", 1, 100, "%", 60)),
        new(Fault.BugWrongAnswers, "Bug: wrong answers", "The new code for this node's feature answers this share of requests with a wrong value: shadowing finds it, customers of a canary get it.",
            FaultTarget.Node, new FaultParameter("wrong share", 1, 100, "%", 30)),
        new(Fault.BugCrash, "Bug: crashes its process", "The new code for this node's feature crashes the process that runs it on its next request; clearing the fault deploys the fix and starts it again.",
            FaultTarget.Node),
        new(Fault.Rollback, "Roll the feature back", "The facade sends this node's feature to the monolith again and holds it there; clearing lets its migration start over.",
            FaultTarget.Node),
        new(Fault.ShadowWrites, "Shadow the checkout (a write)", "Checkout, which charges a card, is shadowed like a read: the monolith and the new service both charge, so customers pay twice."),
        LifecycleFaults.CrashNode with { Label = "Kill node", Description = "Kills a node without warning: a killed backend stops answering and the facade's calls to it time out." },
        LifecycleFaults.RestartNode with { Description = "Starts a stopped node again." },
        NetworkFaults.IsolateNode,
        NetworkFaults.DelayMessages,
        NetworkFaults.LoseMessages,
        NetworkFaults.DuplicateMessages,
        NetworkFaults.HealNetwork,
        new(Fault.BigBang, "Break it: big bang",
            "Every feature switches at once to one rewrite of the whole monolith: no shadow, no canary, no feature-by-feature way back. One bug in one feature's new code takes every feature down.",
            IsBreakIt: true)
        {
            // A crash in the new orders code: with the strangler only orders is touched (it is not even migrating yet).
            Demonstration = [new FaultRequest(Fault.BugCrash, ServiceId(Feature.Orders))],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "A monolith that earns money every day has to be replaced. Rewriting it and switching over on one date " +
                 "bets everything on the rewrite being right the first time: every bug reaches every customer at once, and " +
                 "the way back is to switch the whole thing back.",
        HowItWorks: "A facade goes in front of the monolith and routes each feature by a row of its routing table. A new " +
                    "service takes over one feature at a time: first in shadow (the monolith still answers, the new service gets " +
                    "a copy and its answer is compared, as GitHub's Scientist does), then as a canary for a share of customers, " +
                    "then for everyone, and finally the monolith's code for it is retired. A second call to the monolith gives a " +
                    "noise baseline: fields that differ between two legacy answers (timestamps, ids) are not counted as mismatches. " +
                    "A failing feature is rolled back to the monolith by its row alone.",
        Benefits:
        [
            "Each step is small and reversible: a bug reaches a shadow (nobody), a canary's share, or one feature, never everything.",
            "Shadowing shows real mismatches on production traffic before any customer sees the new answer.",
            "The monolith keeps earning while it shrinks; the migration can pause at any row.",
        ],
        TradeOffs:
        [
            "The facade is on every request's path, and both systems run side by side for a long time.",
            "Shadowing multiplies the load on the backends, and must never shadow a write: a charge made twice is charged twice.",
            "Without a noise baseline every timestamp and id looks like a mismatch and the comparison is useless.",
            "Data shared by old and new code needs its own migration; features that share tables move together or not at all.",
        ],
        UsedBy:
        [
            "Martin Fowler named it in 2004 after the fig that grows around its host tree; Sam Newman's Monolith to Microservices walks through it.",
            "GitHub's Scientist library (and its ports) for running old and new code side by side and comparing results.",
            "Twitter's Diffy, which compares a candidate with two copies of the primary to cancel out noise.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Strangler Fig",
        "A facade in front of a monolith moves four features one by one to new services through shadow, canary and cutover; plant a bug and watch only its row roll back.",
        Info,
        Options,
        (seed, options) => new StranglerFigCluster(seed, options));
}
