using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>Service Mesh: identity, the names pages and the hub read, options, faults and explanation.</summary>
public static class ServiceMeshPattern
{
    public const string Id = "service-mesh";

    /// <summary>Node ids. Every service in the mesh is an app node ("web") with its sidecar ("web-proxy").</summary>
    public const string ClientId = "client";
    public const string WebId = "web";
    public const string OrdersId = "orders";
    public const string PayV1Id = "pay-v1";
    public const string PayV2Id = "pay-v2";
    public const string OutsideId = "outside";
    public const string ControlPlaneId = "control-plane";

    public static string ProxyOf(string appId) => $"{appId}-proxy";

    public static readonly string ClientProxyId = ProxyOf(ClientId);
    public static readonly string WebProxyId = ProxyOf(WebId);
    public static readonly string OrdersProxyId = ProxyOf(OrdersId);
    public static readonly string PayV1ProxyId = ProxyOf(PayV1Id);
    public static readonly string PayV2ProxyId = ProxyOf(PayV2Id);

    /// <summary>The apps that serve requests, caller first; payments is the leaf, in two versions.</summary>
    public static IReadOnlyList<string> Apps { get; } = [WebId, OrdersId, PayV1Id, PayV2Id];

    /// <summary>Every sidecar, in the order the control plane lists them.</summary>
    public static IReadOnlyList<string> Proxies { get; } = [ClientProxyId, WebProxyId, OrdersProxyId, PayV1ProxyId, PayV2ProxyId];

    /// <summary>Services a request passes: client to web, web to orders, orders to payments.</summary>
    public const int Depth = 3;

    /// <summary>The service a request attempt counts against: both payment versions are one service.</summary>
    public static class Service
    {
        public const string Web = "web";
        public const string Orders = "orders";
        public const string Payments = "payments";

        public static IReadOnlyList<string> All { get; } = [Web, Orders, Payments];
    }

    public static class State
    {
        public const string Client = "client";
        public const string Outside = "outside";
        public const string OutsideSending = "sending plaintext";
        public const string Serving = "serving";
        public const string Failing = "failing";
        public const string Slow = "slow";
        public const string ControlPlane = "control plane";
    }

    public static class Property
    {
        public const string Service = "service";
        public const string PolicyVersion = "policyVersion";
        public const string Mtls = "mtls";
        public const string MtlsOff = "mtlsOff";
        public const string Failing = "failing";
        public const string Served = "served";
        public const string DesiredVersion = "desiredVersion";
    }

    public static class Metric
    {
        public const string Requests = "client requests/s";
        public const string LeafAttempts = "payments attempts/s";
        public const string LeafLoad = "leaf load x";
        public const string ClientOk = "client ok %";
    }

    public static class Option
    {
        public const string RequestsPerSecond = "requestsPerSecond";
        public const string Retries = "retries";
        public const string CanaryPercent = "canaryPercent";
        public const string AttemptTimeoutMs = "attemptTimeoutMs";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string FailService = "fail-service";
        public const string SlowService = "slow-service";
        public const string ShiftCanary = "shift-canary";
        public const string MtlsOff = "mtls-off";
        public const string PermissiveMtls = "permissive-mtls";
        public const string OutsideClient = "outside-client";
        public const string RetriesEveryHop = "retries-every-hop";
        public const string PolicyInCode = "policy-in-code";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.RequestsPerSecond, "Requests per second", "Requests the client in the mesh sends to web.", 1, 100, 20, "per s"),
        new(Option.Retries, "Retries", "Retries the mesh allows a request; the policy gives them to one hop, the edge.", 0, 4, 2, "retries", IsInteger: true),
        new(Option.CanaryPercent, "Canary weight", "Share of payments traffic the control plane sends to pay-v2 at the start.", 0, 100, 10, "%", IsInteger: true),
        new(Option.AttemptTimeoutMs, "Attempt timeout", "Per-attempt timeout on the hop to payments; each hop above waits long enough for the one below.", 50, 2000, 300, "ms", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 20, 1, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.FailService, "Fail the service", "This service answers this share of requests with a server error. The edge retries; a failing payments version is ejected and its traffic goes to the other.",
            FaultTarget.Node, new FaultParameter("errors", 1, 100, "%", 100)),
        new(Fault.SlowService, "Slow the service", "Adds this much time to every request the service serves: attempts time out and the edge retries.",
            FaultTarget.Node, new FaultParameter("added latency", 10, 5000, "ms", 800)),
        LifecycleFaults.CrashNode with
        {
            Label = "Crash the control plane",
            Description = "Stops the control plane. Every proxy keeps running the last policy it got; a policy published now waits until it is back.",
        },
        LifecycleFaults.RestartNode with { Label = "Restart the control plane", Description = "Starts the control plane again: it pushes the newest policy to every proxy that lacks it." },
        new(Fault.ShiftCanary, "Shift the canary weight", "Publishes a policy that sends this share of payments traffic to pay-v2; the proxies follow when the push reaches them.",
            Parameter: new FaultParameter("pay-v2 weight", 0, 100, "%", 50)),
        new(Fault.MtlsOff, "Turn off mTLS on this proxy", "This sidecar sends plaintext, as a workload left out of mTLS would. Proxies that require mTLS refuse it.",
            FaultTarget.Node),
        new(Fault.PermissiveMtls, "Publish permissive mTLS", "Publishes a policy under which proxies accept plaintext as well as mTLS (a migration setting)."),
        new(Fault.OutsideClient, "A client outside the mesh", "A client with no sidecar sends plaintext to web, 5 requests a second. Strict mTLS refuses it."),
        NetworkFaults.DelayMessages,
        NetworkFaults.LoseMessages with { Description = "Drops this share of messages at random: requests, replies, policy pushes and acknowledgements." },
        new(Fault.RetriesEveryHop, "Break it: retries at every hop",
            "Every proxy retries every failure, as a default retry policy on every route does. When the leaf fails, each hop multiplies the attempts of the one above: (1 + r)^depth, 27 times the load on payments at 2 retries over 3 hops.",
            IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.FailService, PayV1Id), new FaultRequest(Fault.FailService, PayV2Id)],
        },
        new(Fault.PolicyInCode, "Break it: policy in each service's code",
            "Each service's own code sets its retries and timeouts instead of the mesh: the client retries once after 1 s, web 3 times after 200 ms, orders twice after 300 ms. Slow payments and web gives up on orders while orders still retries below, then asks again: attempts pile up past 1 + r.",
            IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.SlowService, PayV1Id), new FaultRequest(Fault.SlowService, PayV2Id)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "Every service calls others over the network, so every service needs timeouts, retries, encryption and a way to " +
                 "shift traffic to a new version. Written into each service's code, in each team's language, these policies drift " +
                 "apart: one hop waits forever, another retries five times, a third talks in plaintext, and no one can change them all at once.",
        HowItWorks: "Each service runs beside a sidecar proxy that carries all its traffic in and out. The proxies are the data plane. " +
                    "A control plane holds the policy (routing weights, retries, timeouts, mTLS) and pushes each new version to every " +
                    "proxy, which acknowledges the version it runs; a proxy that missed a push gets it again a second later. Each proxy " +
                    "runs a retry, a circuit breaker and a per-attempt timeout. Because one place decides, the policy can give the retries " +
                    "to one hop only, eject a failing version, and require mTLS between every pair of proxies.",
        Benefits:
        [
            "Retries, timeouts and breakers are the same everywhere and change without redeploying a service.",
            "mTLS between every pair of services, with identities, and no code in the services.",
            "Traffic splits by weight for canaries, and every edge reports its rate, errors and latency.",
            "The control plane can go down without stopping traffic: proxies keep their last policy.",
        ],
        TradeOffs:
        [
            "A proxy on every hop adds latency and a process per instance to run.",
            "Retries at every hop compound: r retries at each of d hops put (1 + r)^d times the load on the leaf, 27 times at 2 retries over 3 hops. Retry at one point of the stack.",
            "A dashboard that counts requests but not attempts hides that amplification: count both on every edge.",
            "While the control plane is down no policy changes, not even an urgent one.",
            "Strict mTLS refuses every client outside the mesh; moving to it needs a permissive phase.",
        ],
        UsedBy:
        [
            "Istio, with Envoy sidecars configured over xDS.",
            "Linkerd, with its own proxy and retry budgets.",
            "Consul service mesh and AWS App Mesh.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Service Mesh",
        "Web, orders and two payment versions, each beside a sidecar that a control plane configures: watch requests against attempts on every edge, a canary split, and mTLS per proxy.",
        Info,
        Options,
        (seed, options) => new ServiceMeshCluster(seed, options));
}
