namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>One sidecar as the page shows it: what it is doing, and what it costs.</summary>
/// <param name="State">In words: "ready", "starting", "down", "idle: the app does this itself".</param>
/// <param name="CpuMsPerSecond">CPU it spent per second over the last five seconds.</param>
/// <param name="CpuPercentOfPod">Its share of all the CPU the pod spent.</param>
/// <param name="AddedMs">Slow sidecar: time added to each piece of its work; 0 when not slowed.</param>
public sealed record SidecarView(string Id, string Label, string Role, string State, double CpuMsPerSecond, double CpuPercentOfPod, double AddedMs);

/// <summary>The pod's log path: the buffer on the shared volume, the app's own memory (break it), the store.</summary>
/// <param name="Lost">Lines gone with the buffer not full (the invariant expects none).</param>
public sealed record LogView(int BufferLines, int BufferCapacity, int InMemoryLines, long Written, long Stored, long Dropped, long Lost, long ShipperResumesAt);

/// <summary>The live setting: what is wanted, what the proxy runs, and what the app's build has compiled in.</summary>
public sealed record SettingView(double TimeoutMs, string Tls, long DesiredVersion, long ProxyVersion, double ProxyTimeoutMs, string ProxyTls,
    int AppBuild, double BuiltTimeoutMs, string BuiltTls);

/// <summary>Break it: the last rebuild and redeploy of the app a setting change caused.</summary>
/// <param name="State">"none", "building", "down: redeploying".</param>
/// <param name="StepEndsIn">Seconds until the current build or redeploy step ends; 0 when none runs.</param>
public sealed record RedeployView(string State, double StepEndsIn, int Redeploys, double LastDowntimeSeconds, long FailedDuringLast, string? Reason);

/// <summary>What the Sidecar page shows beyond the nodes.</summary>
/// <param name="AppState">In words: "serving", "waiting for its proxy", "starting", "down".</param>
/// <param name="AppCpuMsPerSecond">The app's own work, per second: its business logic only.</param>
/// <param name="InAppPlumbingMsPerSecond">Break it: TLS and log shipping done by the app's own code, per second.</param>
/// <param name="SidecarAddedMsPerRequest">Time the proxy adds to one request (its TLS work and the pod hops to and from it).</param>
/// <param name="FirstCallsFailed">The app's start-up calls that failed because its proxy was not ready.</param>
public sealed record SidecarDetails(
    string PodState,
    string AppState,
    bool ConcernsInApp,
    bool AppWaitsForProxy,
    IReadOnlyList<SidecarView> Sidecars,
    double AppCpuMsPerSecond,
    double SidecarCpuMsPerSecond,
    double InAppPlumbingMsPerSecond,
    double SidecarCpuPercent,
    double SidecarAddedMsPerRequest,
    double RequestsPerSecond,
    double FailedPerSecond,
    double SuccessPercent,
    double LatencyP50,
    double LatencyP90,
    double LatencyP99,
    LogView Log,
    SettingView Setting,
    RedeployView Redeploy,
    long FirstCallsFailed,
    long ProxyRefusedNotReady,
    IReadOnlyList<StartStep> StartOrder,
    TracedRequest? Trace);
