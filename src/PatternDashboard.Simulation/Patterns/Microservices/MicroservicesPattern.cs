using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>Microservices: identity, options, faults and explanation.</summary>
public static class MicroservicesPattern
{
    public const string Id = "microservices";

    /// <summary>Node ids: the gateway, the registry, the monolith (idle unless break it is on), instances catalog-1, orders-2...</summary>
    public const string GatewayId = "gateway";
    public const string MonolithId = "monolith";

    public static string InstanceId(string service, int number) => $"{service}-{number}";

    public static class Service
    {
        public const string Catalog = "catalog";
        public const string Users = "users";
        public const string Orders = "orders";
        public const string Payments = "payments";

        public static IReadOnlyList<string> All { get; } = [Catalog, Users, Orders, Payments];
    }

    /// <summary>What a person can do with the application, the share of traffic each gets, and the services each needs, called in series.</summary>
    public sealed record Feature(string Id, string Label, double Share, IReadOnlyList<string> Services);

    public static IReadOnlyList<Feature> Features { get; } =
    [
        new("browse", "Browse the catalog", 0.4, [Service.Catalog]),
        new("sign-in", "Sign in", 0.2, [Service.Users]),
        new("order", "Place an order", 0.2, [Service.Users, Service.Catalog, Service.Orders]),
        new("pay", "Pay", 0.2, [Service.Users, Service.Orders, Service.Payments]),
    ];

    public static class State
    {
        public const string Gateway = "gateway";
        public const string Registry = "registry";
        public const string Idle = "idle";
        public const string Serving = "serving";
        public const string Slow = "slow";
    }

    public static class Property
    {
        public const string Service = "service";
        public const string Version = "version";
        public const string Phase = "phase";
        public const string Served = "served";
        public const string Busy = "busy";
        public const string Broken = "broken";
    }

    public static class Metric
    {
        public const string Requests = "requests/s";
        public const string Failed = "failed/s";

        public static string Works(string feature) => $"{feature} ok %";
    }

    public static class Option
    {
        public const string Replicas = "replicas";
        public const string MaxSurgePercent = "maxSurgePercent";
        public const string MaxUnavailablePercent = "maxUnavailablePercent";
        public const string RequestsPerSecond = "requestsPerSecond";
        public const string CallTimeoutMs = "callTimeoutMs";
        public const string GatewaySlots = "gatewaySlots";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string CrashInstance = "crash-instance";
        public const string RestartInstance = "restart-instance";
        public const string CrashService = "crash-service";
        public const string SlowService = "slow-service";
        public const string Deploy = "deploy";
        public const string DeployBug = "deploy-bug";
        public const string DeployBugNoProbe = "deploy-bug-no-probe";
        public const string Rollback = "rollback";
        public const string Scale = "scale";
        public const string NoTimeouts = "no-timeouts";
        public const string Monolith = "monolith";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.Replicas, "Replicas per service", "Instances each service runs; each service scales on its own.", 1, 8, 4, "nodes", IsInteger: true),
        new(Option.MaxSurgePercent, "Max surge", "Instances a rolling deployment may add above the replica count, as a share of it (rounded up).", 0, 100, 25, "%", IsInteger: true),
        new(Option.MaxUnavailablePercent, "Max unavailable", "Instances a rolling deployment may have not ready below the replica count, as a share of it (rounded down).", 0, 100, 25, "%", IsInteger: true),
        new(Option.RequestsPerSecond, "Requests per second", "Requests people make, spread over the four features.", 1, 200, 30, "per s"),
        new(Option.CallTimeoutMs, "Call timeout", "How long the gateway waits for one service call before it gives up and tries another instance.", 20, 5000, 300, "ms", IsInteger: true),
        new(Option.GatewaySlots, "Gateway workers", "Requests the gateway works on at once; a request that finds none free fails.", 4, 200, 24, "slots", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 50, 2, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.CrashService, "Crash the service", "Kills every instance of this node's service: only the features that need it fail.", FaultTarget.Node),
        new(Fault.SlowService, "Slow the service", "Adds this much time to every request the service serves: its calls time out, the rest stays fast.", FaultTarget.Node,
            new FaultParameter("added latency", 10, 5000, "ms", 800)),
        new(Fault.Deploy, "Deploy a new version", "Rolls a good new version out to this node's service, instance by instance, within max surge and max unavailable.",
            FaultTarget.Node, IsInstant: true),
        new(Fault.DeployBug, "Deploy a version with a bug (readiness probe)", "The new version fails its readiness probe: its instances never take traffic and the rollout stalls with the old version serving.",
            FaultTarget.Node, IsInstant: true),
        new(Fault.DeployBugNoProbe, "Deploy a version with a bug (no probe)", "The same bug without a readiness probe: each new instance counts as ready as soon as it runs, takes traffic and fails it.",
            FaultTarget.Node, IsInstant: true),
        new(Fault.Rollback, "Roll back", "Rolls this node's service back to the version it ran before its last deployment, instance by instance.", FaultTarget.Node, IsInstant: true),
        new(Fault.Scale, "Scale the service", "Sets this node's service to this many replicas; the others keep theirs. Scale again to go back.", FaultTarget.Node,
            new FaultParameter("replicas", 1, 8, "nodes", 6), IsInstant: true),
        new(Fault.CrashInstance, "Kill instance", "Kills one instance: the gateway's retry goes to another and the registry drops it when its lease runs out.", FaultTarget.Node),
        new(Fault.RestartInstance, "Restart instance", "Starts a killed instance again; it takes traffic once its probe passes.", FaultTarget.Node, IsInstant: true),
        new(Fault.NoTimeouts, "Break it: callers without timeouts",
            "The gateway waits for every call as long as it takes. Kill a service and the calls to it hang, holding the gateway's workers until none is left for any feature: the cascade.",
            IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.CrashService, InstanceId(Service.Payments, 1))],
        },
        new(Fault.Monolith, "Break it: one monolith",
            "The same features served by one process. A crash in the payments code is a crash of the process: browsing and signing in go down with it.",
            IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.CrashService, InstanceId(Service.Payments, 1))],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "One application that does everything is one process to build, test, deploy and scale. A change to payments " +
                 "redeploys the catalog too; the part that needs ten machines forces ten copies of everything; and one bad " +
                 "line anywhere, a crash or a leak, takes every feature down at once.",
        HowItWorks: "The application is split into services by business capability: catalog, users, orders, payments. Each runs " +
                    "its own instances, registers them with a registry and is deployed and scaled on its own. A gateway takes " +
                    "each request, finds the instances of the services the feature needs and calls them with a timeout, one retry " +
                    "on another instance and a circuit breaker per service. A new version rolls out instance by instance: new " +
                    "ones start within max surge, old ones stop only while enough stay ready, and a readiness probe keeps a bad " +
                    "version out of traffic.",
        Benefits:
        [
            "A failure stays inside its service: only the features that need it degrade.",
            "Each service is deployed on its own, without a maintenance window for the rest.",
            "Each service scales to its own load.",
            "Teams own services end to end and can choose their tools.",
        ],
        TradeOffs:
        [
            "Every call is a network call: it can be slow or lost, so timeouts, retries and breakers are not optional.",
            "Services in series multiply their availability: ten at 99.9 % each are about 99.0 % available together.",
            "Without timeouts one dead service holds every caller's workers and takes down features that never use it.",
            "Data is split across services, so a business action spanning several needs a saga, not a transaction.",
            "More moving parts to run: a registry, a gateway, deployments, monitoring per service.",
        ],
        UsedBy:
        [
            "Netflix, Amazon and Uber, which split their monoliths into hundreds of services.",
            "Kubernetes Deployments (rolling updates with max surge and max unavailable, readiness probes).",
            "Spring Cloud with Eureka, Consul, Istio and Linkerd for discovery and resilient calls.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Microservices",
        "Catalog, users, orders and payments behind a gateway, each deployed and scaled on its own: crash one and only its features fail; roll out a version instance by instance.",
        Info,
        Options,
        (seed, options) => new MicroservicesCluster(seed, options));
}
