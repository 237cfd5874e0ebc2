using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>Sidecar: an application pod with helper containers beside it. Identity, names, options, faults.</summary>
public static class SidecarPattern
{
    public const string Id = "sidecar";

    /// <summary>Node ids. The pod is the app with its three sidecars; the rest are outside it (the remote app has a proxy of its own).</summary>
    public const string ClientsId = "clients";
    public const string ProxyId = "tls-proxy";
    public const string AppId = "app";
    public const string ShipperId = "log-shipper";
    public const string MetricsId = "metrics";
    public const string RemoteProxyId = "remote-proxy";
    public const string RemoteId = "remote";
    public const string LogStoreId = "log-store";
    public const string ConfigId = "config";

    /// <summary>The sidecars, in the order the pod starts them.</summary>
    public static IReadOnlyList<string> SidecarIds { get; } = [ProxyId, ShipperId, MetricsId];

    /// <summary>Whose buffer a log batch comes from: the log shipper's (the pod's shared volume) or the app's own memory (break it).</summary>
    public static class LogSource
    {
        public const string Shipper = "shipper";
        public const string App = "app";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Phase = "phase";
        public const string Build = "build";
        public const string BufferLines = "bufferLines";
        public const string Dropped = "dropped";
        public const string CpuMsPerSecond = "cpuMsPerSecond";
        public const string PolicyVersion = "policyVersion";
        public const string Stored = "stored";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string Requests = "requests/s";
        public const string Failed = "failed/s";
        public const string LatencyP90 = "latency p90";
        public const string BufferLines = "log buffer lines";
        public const string Dropped = "log lines dropped";
        public const string SidecarCpu = "sidecar CPU %";
    }

    public static class Option
    {
        public const string RequestsPerSecond = "requestsPerSecond";
        public const string AppWorkMs = "appWorkMs";
        public const string LinesPerRequest = "linesPerRequest";
        public const string BufferLines = "bufferLines";
        public const string ShipIntervalMs = "shipIntervalMs";
        public const string ProxyStartupMs = "proxyStartupMs";
        public const string TimeoutMs = "timeoutMs";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string CrashLogShipper = "crash-log-shipper";
        public const string CrashApp = "crash-app";
        public const string SlowSidecar = "slow-sidecar";
        public const string StartBeforeReady = "start-before-ready";
        public const string ChangeTimeout = "change-timeout";
        public const string Tls13 = "tls-1.3";
        public const string ConcernsInApp = "concerns-in-app";
    }

    /// <summary>The TLS versions the live setting switches between.</summary>
    public static class Tls
    {
        public const string V12 = "TLS 1.2";
        public const string V13 = "TLS 1.3";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.RequestsPerSecond, "Requests per second", "Requests the clients send to the pod.", 1, 200, 30, "per s"),
        new(Option.AppWorkMs, "App's own work", "CPU time the app spends on one request, its business logic, before anything a sidecar adds.", 1, 200, 10, "ms", IsInteger: true),
        new(Option.LinesPerRequest, "Log lines per request", "Lines the app writes for each request it serves.", 1, 10, 2, "lines", IsInteger: true),
        new(Option.BufferLines, "Log buffer", "Lines the pod's log buffer holds before it drops new ones; the shipper empties it as the log store acknowledges.", 10, 5000, 300, "lines", IsInteger: true),
        new(Option.ShipIntervalMs, "Ship interval", "How often the log shipper sends a batch of buffered lines.", 100, 5000, 500, "ms", IsInteger: true),
        new(Option.ProxyStartupMs, "Proxy start-up", "How long the TLS proxy takes to load its certificate and configuration before it is ready.", 0, 10_000, 2000, "ms", IsInteger: true),
        new(Option.TimeoutMs, "Call timeout", "How long the proxy waits for the remote service; a live setting, pushed from the config source.", 50, 10_000, 500, "ms", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "One-way delay between machines; inside the pod a hop takes a twentieth of a millisecond.", 0, 50, 2, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.CrashLogShipper, "Crash the log shipper",
            "The log sidecar dies. The app keeps writing to the pod's buffer; when the buffer is full new lines are dropped, and counted. Clear it and the shipper catches up."),
        new(Fault.CrashApp, "Crash the app (the pod goes down)",
            "The app dies and its pod with it: every sidecar stops too. Clear it and the pod starts again in order: sidecars first, the app once its proxy is ready."),
        new(Fault.SlowSidecar, "Slow a sidecar",
            "This sidecar takes longer over its work: the proxy per hop, the log shipper per line (the buffer fills), the metrics sidecar per scrape.",
            FaultTarget.Node, new FaultParameter("added time", 1, 1000, "ms", 25)),
        new(Fault.StartBeforeReady, "Start the app before its sidecar is ready",
            "The pod restarts with the app not waiting for its proxy: the app's first calls go out before the proxy is ready, and fail."),
        new(Fault.ChangeTimeout, "Change the call timeout, live",
            "The config source pushes a new timeout to the proxy; the next call uses it. The app's code and process stay the same.",
            Parameter: new FaultParameter("timeout", 50, 10_000, "ms", 150)),
        new(Fault.Tls13, "Switch TLS to 1.3, live",
            "The config source tells the proxy to speak TLS 1.3: one round trip per handshake instead of two. The app is not touched."),
        new(Fault.ConcernsInApp, "Break it: TLS and logging written into the app",
            "The app terminates TLS and ships its own logs from memory. A change of TLS or timeout now needs the app rebuilt and redeployed: it is down meanwhile, and the lines in its memory are lost.",
            IsBreakIt: true)
        {
            // A live TLS change, harmless with the sidecar, becomes a rebuild and a redeploy of the app.
            Demonstration = [new FaultRequest(Fault.Tls13)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "Every service needs the same plumbing besides its own work: TLS, log shipping, metrics, timeouts. Written " +
                 "into each application, in each language, it drifts, it competes with the business logic, and changing a " +
                 "certificate, a TLS version or where logs go means rebuilding and redeploying the application.",
        HowItWorks: "The plumbing runs in helper containers beside the application, in the same pod: a proxy that terminates " +
                    "TLS and holds the call timeout, a log shipper that reads the app's log lines from a buffer on the pod's " +
                    "shared volume and sends them to the log store, a metrics sidecar that scrapes the app. They share its " +
                    "lifecycle: they start before it, stop with it, and their settings come from a config source, so a " +
                    "setting changes live while the app's code stays the same.",
        Benefits:
        [
            "The app's code does only its own work; the plumbing is written and tested once, for apps in any language.",
            "Settings (timeouts, TLS, log destination) change live, without a rebuild or a redeploy of the app.",
            "A sidecar can crash or be upgraded on its own: a buffer on the shared volume keeps log lines until it is back.",
        ],
        TradeOffs:
        [
            "Every hop through a sidecar costs latency and CPU: the page shows how much, per sidecar.",
            "More containers per pod to run and watch; a slow sidecar slows the app.",
            "Start-up order matters: an app that starts before its proxy is ready has its first calls fail.",
            "A bounded buffer is bounded: a sidecar down for long enough drops lines, and must count them.",
        ],
        UsedBy:
        [
            "Envoy as the sidecar proxy of Istio, and Linkerd's proxy: TLS, timeouts and metrics beside each service.",
            "Fluent Bit and Fluentd as log-shipping sidecars; Kubernetes native sidecars (init containers that keep running) for start-up order.",
            "Dapr sidecars, which give any app state, pub-sub and resiliency through a local port.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Sidecar",
        "An app with a TLS proxy, a log shipper and a metrics sidecar in its pod: see what each sidecar costs, crash one, change a setting live; break it to see the redeploy.",
        Info,
        Options,
        (seed, options) => new SidecarCluster(seed, options));
}
