using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Registry;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>Service Discovery with a lease-based registry (Eureka-style): identity, options, faults and explanation.</summary>
public static class ServiceDiscoveryPattern
{
    public const string Id = "service-discovery";

    /// <summary>Node ids: the registry, the load balancer; instances are i1, i2...; clients c1, c2...</summary>
    public const string RegistryId = RegistryNode.RegistryId;
    public const string BalancerId = "lb";

    public static string InstanceId(int number) => $"i{number}";

    public static string ClientId(int number) => $"c{number}";

    /// <summary>Instances a cluster may grow to by scaling out.</summary>
    public const int MaxInstances = 6;

    /// <summary>How clients find an instance, as details and node states name it.</summary>
    public static class Mode
    {
        public const string ClientSide = "client-side";
        public const string ServerSide = "server-side";
    }

    /// <summary>The node states the live view shows.</summary>
    public static class State
    {
        public const string Registry = "registry";
        public const string SelfPreserving = "self-preserving";
        public const string Registered = "registered";
        public const string Unregistered = "not registered";
        public const string Expired = "lease expired";
        public const string Dead = "dead";
        public const string Retired = "scaled in";
        public const string Balancer = "balancer";
        public const string Client = "client";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Entries = "entries";
        public const string LeaseAge = "leaseAgeSeconds";
        public const string Renewals = "renewals";
        public const string Cached = "cached";
        public const string CacheAge = "cacheAgeSeconds";
        public const string Calls = "calls";
        public const string Failed = "failed";
        public const string Mode = "mode";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string CallsOk = "calls answered/s";
        public const string CallsFailed = "calls failed/s";
        public const string FailedToDead = "calls to dead instances/s";
        public const string Registered = "registered instances";
        public const string Live = "live instances";
    }

    public static class Option
    {
        public const string Instances = "instances";
        public const string Clients = "clients";
        public const string LeaseSeconds = "leaseSeconds";
        public const string HeartbeatSeconds = "heartbeatSeconds";
        public const string CacheRefreshSeconds = "cacheRefreshSeconds";
        public const string CallsPerSecond = "callsPerSecond";
        public const string CallTimeoutMs = "callTimeoutMs";
        public const string RenewalThresholdPercent = "renewalThresholdPercent";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string Kill = LifecycleFaults.Crash;
        public const string Restart = LifecycleFaults.Restart;
        public const string Pause = LifecycleFaults.Pause;
        public const string Resume = LifecycleFaults.Resume;
        public const string Isolate = NetworkFaults.Isolate;
        public const string Heal = NetworkFaults.Heal;
        public const string Delay = NetworkFaults.Delay;
        public const string Loss = NetworkFaults.Loss;
        public const string Duplicate = NetworkFaults.Duplicate;
        public const string CrashRegistry = "crash-registry";
        public const string PartitionClient = "partition-client";
        public const string ScaleOut = "scale-out";
        public const string ScaleIn = "scale-in";
        public const string ClientSide = "client-side";
        public const string ServerSide = "server-side";
        public const string SelfPreservation = "self-preservation";
        public const string NoLeaseExpiry = "no-lease-expiry";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.Instances, "Instances", "Instances of the service at the start.", 1, MaxInstances, 3, "nodes", IsInteger: true),
        new(Option.Clients, "Clients", "Clients that call the service.", 1, 4, 3, "nodes", IsInteger: true),
        new(Option.LeaseSeconds, "Lease", "How long a registration lasts after the last heartbeat the registry received (Eureka: 90 s).", 1, 120, 9, "s"),
        new(Option.HeartbeatSeconds, "Heartbeat", "How often an instance renews its lease; shorter than the lease (Eureka: 30 s).", 0.2, 60, 3, "s"),
        new(Option.CacheRefreshSeconds, "Cache refresh", "How often a client or the load balancer asks the registry again (Eureka: 30 s).", 0.2, 60, 3, "s"),
        new(Option.CallsPerSecond, "Calls per client", "Calls each client makes per second, at random times.", 0, 50, 5, "per s"),
        new(Option.CallTimeoutMs, "Call timeout", "How long a call to an instance may take before it counts as failed.", 50, 5000, 500, "ms", IsInteger: true),
        new(Option.RenewalThresholdPercent, "Renewal threshold", "With self-preservation on, eviction stops when fewer renewals than this share of those expected arrived over the last lease (Eureka: 85 %).", 1, 100, 85, "%"),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 500, 10, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        LifecycleFaults.CrashNode with
        {
            Label = "Kill node",
            Description = "Kills a node without warning. An instance sends no goodbye and stays registered until its lease runs out; a killed registry forgets its table.",
        },
        LifecycleFaults.RestartNode with { Description = "Starts a stopped node again; an instance registers again." },
        LifecycleFaults.PauseNode with { Description = "Freezes an instance like a long garbage-collection pause: its heartbeats stop and its lease runs out." },
        LifecycleFaults.ResumeNode with { Description = "Wakes a paused instance; it renews, or registers again if it was evicted meanwhile." },
        new(Fault.CrashRegistry, "Crash the registry", "The registry stops answering and loses its table: caches keep their last answer, stale."),
        new(Fault.ScaleOut, "Scale out", $"Starts one more instance (up to {MaxInstances}); it registers and caches find it at their next refresh.", IsInstant: true),
        new(Fault.ScaleIn, "Scale in", "Stops the newest running instance gracefully: it deregisters first, so it leaves the registry at once.", IsInstant: true),
        new(Fault.ClientSide, "Client-side discovery", "Each client asks the registry, caches the answer and picks an instance itself.", IsInstant: true),
        new(Fault.ServerSide, "Server-side discovery", "Clients send every call to the load balancer, which asks the registry and picks the instance.", IsInstant: true),
        new(Fault.SelfPreservation, "Self-preservation", "Eureka's safety valve: when too many renewals are missing at once, the registry stops evicting, dead entries included."),
        new(Fault.PartitionClient, "Cut off from the registry", "The client can still call instances but cannot reach the registry: its cache goes stale.", FaultTarget.Node),
        NetworkFaults.IsolateNode,
        NetworkFaults.DelayMessages,
        NetworkFaults.LoseMessages with { Description = "Drops this share of messages at random: heartbeats go missing and leases may run out." },
        NetworkFaults.DuplicateMessages,
        NetworkFaults.HealNetwork with { Description = "Removes every isolation, delay, loss and duplication (a client cut off from the registry has its own undo)." },
        new(Fault.NoLeaseExpiry, "Break it: no lease expiry",
            "Leases never run out: a dead instance stays registered, caches keep handing it out and calls to it keep failing.", IsBreakIt: true)
        {
            // A killed instance never leaves the registry.
            Demonstration = [new FaultRequest(Fault.Kill, InstanceId(1))],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "Instances of a service come and go: they scale out and in, crash, move to other hosts and get new addresses. " +
                 "A client cannot keep a fixed list of them. It needs to ask somewhere which instances exist right now, and that " +
                 "answer must drop instances that died without saying goodbye.",
        HowItWorks: "Each instance registers with a registry and renews a lease by sending a heartbeat every few seconds. The " +
                    "registry evicts an instance whose lease runs out, so a crashed one disappears one lease period after its last " +
                    "heartbeat. With client-side discovery each client queries the registry, caches the list and balances its calls " +
                    "itself; with server-side discovery clients call a load balancer, which does the querying and picking. Caches " +
                    "refresh periodically, so a dead instance is still called until its lease expires and every cache has refreshed.",
        Benefits:
        [
            "Instances can join and leave without anyone editing a configuration file.",
            "Clients survive a registry outage on their cached list.",
            "Client-side discovery avoids an extra hop; server-side discovery keeps clients simple and language-neutral.",
        ],
        TradeOffs:
        [
            "A dead instance is called for up to a lease period plus a cache refresh: shorter periods mean more heartbeat and query traffic.",
            "The registry is critical infrastructure: it must be replicated, or its loss freezes every cache.",
            "Self-preservation keeps a registry cut off from its instances from emptying itself, but it also keeps dead entries.",
            "A client cut off from the registry keeps calling what it last saw.",
        ],
        UsedBy:
        [
            "Netflix Eureka (30 s heartbeats, 90 s leases, self-preservation) with Ribbon or Spring Cloud LoadBalancer on the client.",
            "HashiCorp Consul (health checks, DNS and HTTP lookups) and etcd or ZooKeeper with ephemeral keys.",
            "Kubernetes Services and kube-proxy, a server-side discovery built into the platform; AWS Cloud Map.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Service Discovery",
        "Instances register with a registry and renew a lease by heartbeat; kill one and watch clients call it until its lease expires and their caches refresh.",
        Info,
        Options,
        (seed, options) => new ServiceDiscoveryCluster(seed, options));
}
