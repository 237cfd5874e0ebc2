using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>API Gateway: identity, options, faults and explanation.</summary>
public static class ApiGatewayPattern
{
    public const string Id = "api-gateway";

    /// <summary>Node ids: the gateway gw and its spare gw2 (idle until deployed); clients c1, c2...; service instances users-1, orders-2...</summary>
    public const string GatewayId = "gw";
    public const string SecondGatewayId = "gw2";

    public static string ClientId(int number) => $"c{number}";

    public static string InstanceId(string service, int number) => $"{service}-{number}";

    /// <summary>The backend services, each behind its own route.</summary>
    public static class Service
    {
        public const string Users = "users";
        public const string Orders = "orders";
        public const string Catalog = "catalog";

        public static IReadOnlyList<string> All { get; } = [Users, Orders, Catalog];
    }

    /// <summary>The routes clients call. The summary is the composite: it needs users and orders; the catalog part is optional.</summary>
    public static class Route
    {
        public const string Users = "/users";
        public const string Orders = "/orders";
        public const string Catalog = "/catalog";
        public const string Summary = "/summary";

        public static IReadOnlyList<string> All { get; } = [Users, Orders, Catalog, Summary];

        /// <summary>The service a single route goes to, or null for the composite.</summary>
        public static string? ServiceOf(string route) => route switch
        {
            Users => Service.Users,
            Orders => Service.Orders,
            Catalog => Service.Catalog,
            _ => null,
        };
    }

    /// <summary>Which limiter the gateway applies per client.</summary>
    public static class Limiter
    {
        public const string TokenBucket = "token bucket";
        public const string FixedWindow = "fixed window";
    }

    /// <summary>The node states the live view shows.</summary>
    public static class State
    {
        public const string Gateway = "gateway";
        public const string Client = "client";
        public const string Flooding = "flooding";
        public const string BadToken = "bad token";
        public const string Instance = "instance";
        public const string Slow = "slow";
        public const string Failing = "failing";
        public const string NotDeployed = "not deployed";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Tokens = "tokens";
        public const string Rate = "requestsPerSecond";
        public const string Allowed = "allowed";
        public const string Limited = "limited";
        public const string Refused = "refused";
        public const string Received = "received";
        public const string Busy = "busy";
        public const string Service = "service";
        public const string Forwarded = "forwarded";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string Allowed = "allowed/s";
        public const string Limited = "limited (429)/s";
        public const string Refused = "refused (401)/s";
        public const string Failed = "failed (5xx)/s";
        public const string ReachedServices = "requests reaching services/s";
    }

    public static class Option
    {
        public const string Clients = "clients";
        public const string InstancesPerService = "instancesPerService";
        public const string RequestsPerSecond = "requestsPerSecond";
        public const string BucketCapacity = "bucketCapacity";
        public const string RefillPerSecond = "refillPerSecond";
        public const string WindowSeconds = "windowSeconds";
        public const string ServiceLatencyMs = "serviceLatencyMs";
        public const string BackendTimeoutMs = "backendTimeoutMs";
        public const string ClientTimeoutMs = "clientTimeoutMs";
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
        public const string Flood = "flood";
        public const string BadToken = "bad-token";
        public const string EdgeBurst = "edge-burst";
        public const string SlowInstance = "slow-instance";
        public const string FailInstance = "fail-instance";
        public const string ServiceDown = "service-down";
        public const string CrashGateway = "crash-gateway";
        public const string SecondGateway = "second-gateway";
        public const string FixedWindow = "fixed-window";
        public const string DirectCalls = "direct-calls";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.Clients, "Clients", "Clients that call the API.", 2, 5, 3, "nodes", IsInteger: true),
        new(Option.InstancesPerService, "Instances per service", "Instances behind each of the three services; the gateway balances across them.", 1, 3, 2, "nodes", IsInteger: true),
        new(Option.RequestsPerSecond, "Requests per client", "Requests each well-behaved client sends per second, at random times.", 0.5, 20, 2, "per s"),
        new(Option.BucketCapacity, "Bucket capacity", "Tokens a client's bucket holds: the burst it may send at once.", 1, 100, 10, "tokens", IsInteger: true),
        new(Option.RefillPerSecond, "Refill rate", "Tokens a client's bucket gains per second: its long-run limit.", 0.5, 100, 5, "per s"),
        new(Option.WindowSeconds, "Window", "Length of a fixed window; the window's limit is refill rate x window, the same long-run rate as the bucket.", 0.5, 10, 2, "s"),
        new(Option.ServiceLatencyMs, "Service time", "Least time a service instance takes per request (one at a time per instance).", 1, 500, 25, "ms", IsInteger: true),
        new(Option.BackendTimeoutMs, "Backend timeout", "How long the gateway waits for one backend call before it gives up on it.", 20, 5000, 250, "ms", IsInteger: true),
        new(Option.ClientTimeoutMs, "Client timeout", "How long a client waits for the gateway's answer.", 50, 20000, 1500, "ms", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 200, 5, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.Flood, "Flood", "The client sends this many requests per second: the gateway limits it alone, the others go on as before.",
            FaultTarget.Node, new FaultParameter("rate", 1, 300, "per s", 80)),
        new(Fault.BadToken, "Expired token", "The client's token has expired: the gateway answers 401 and nothing of it reaches a service.", FaultTarget.Node),
        new(Fault.EdgeBurst, "Burst around a window edge",
            "The client sends twice the window's limit in the 0.2 s around the next window edge: a fixed window lets nearly all of it through, a token bucket its capacity and a little more.",
            FaultTarget.Node, IsInstant: true),
        new(Fault.SlowInstance, "Slow instance", "Adds this much time to every request the instance serves.", FaultTarget.Node,
            new FaultParameter("added latency", 10, 5000, "ms", 400)),
        new(Fault.FailInstance, "Failing instance", "The instance answers this share of requests with a server error.", FaultTarget.Node,
            new FaultParameter("error rate", 1, 100, "%", 100)),
        new(Fault.ServiceDown, "Take the service down", "Stops every instance of this node's service: its route fails and the summary loses that part.", FaultTarget.Node),
        new(Fault.CrashGateway, "Crash the gateway", "The one entry point stops: every client's requests go unanswered, however healthy the services are."),
        new(Fault.SecondGateway, "Second gateway instance", "Puts the spare gateway in service, sharing the limiter store: clients spread over both and fail over when one stops answering."),
        new(Fault.FixedWindow, "Fixed-window limiter", "Limits each client to refill rate x window per fixed window instead of a token bucket; clearing it brings the bucket back."),
        LifecycleFaults.CrashNode with { Label = "Kill node", Description = "Kills a node without warning: a killed instance stops answering and the gateway's retry goes to another." },
        LifecycleFaults.RestartNode with { Description = "Starts a stopped node again." },
        NetworkFaults.IsolateNode,
        NetworkFaults.DelayMessages,
        NetworkFaults.LoseMessages,
        NetworkFaults.DuplicateMessages,
        NetworkFaults.HealNetwork,
        new(Fault.DirectCalls, "Break it: clients call services directly",
            "No gateway: every client finds the services, carries its own token handling and calls them itself. Nothing checks tokens or limits anyone, so an expired token and a flood reach the services.",
            IsBreakIt: true)
        {
            // A flood and an expired token, both of which the gateway would have stopped.
            Demonstration = [new FaultRequest(Fault.Flood, ClientId(1), 80), new FaultRequest(Fault.BadToken, ClientId(2))],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "A product is many services, each with its own address, protocol and version. If clients call them all " +
                 "directly, every client must know where each service lives, carry authentication and retry logic for each, " +
                 "and make several round trips to draw one screen. Nothing stops a misbehaving client from flooding a service.",
        HowItWorks: "One entry point stands in front of the services. It routes each request by its path, checks the caller's " +
                    "token and refuses bad ones with 401, limits each client with a token bucket (429 when it is empty), balances " +
                    "across the instances of a service, retries a failed call once and times out slow ones. A composite endpoint " +
                    "calls several services in parallel and assembles one answer, so its latency follows the slowest part, not the " +
                    "sum; a missing optional part makes the answer partial rather than failed.",
        Benefits:
        [
            "Clients know one address; services can move, split and change versions behind it.",
            "Authentication, rate limits, retries and timeouts live in one place instead of in every client.",
            "A flooding client is limited at the door, so it cannot starve the others or the services.",
            "Composite endpoints save clients round trips, which matters most on mobile networks.",
        ],
        TradeOffs:
        [
            "The gateway is on every request's path: without a second instance its crash stops everything.",
            "Limits kept per gateway instance let a client through once per instance; the instances must share their counters.",
            "A fixed window is cheap but lets up to twice its limit through around a window edge; a token bucket is smoother.",
            "Another hop adds latency, and a gateway that grows business logic becomes a bottleneck for every team.",
        ],
        UsedBy:
        [
            "Kong and Nginx (rate limiting and auth plugins), Envoy, Traefik.",
            "AWS API Gateway (token bucket throttling per client), Azure API Management, Google Apigee.",
            "Netflix Zuul and Spring Cloud Gateway; the backends-for-frontends of many mobile apps.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "API Gateway",
        "One entry point in front of three services: routing, token checks, a token bucket per client and a composite endpoint; flood from one client and watch only that client get limited.",
        Info,
        Options,
        (seed, options) => new ApiGatewayCluster(seed, options));
}
