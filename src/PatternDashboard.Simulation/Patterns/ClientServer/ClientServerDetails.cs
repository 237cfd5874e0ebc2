namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>What the Client-Server page shows beyond the nodes. Figures marked "since" count from <see cref="StatsSince"/>.</summary>
/// <param name="StatsSince">Simulated second at which the statistics started (the run's start or the last reset).</param>
/// <param name="OfferedUtilization">The load the clients are set to make, as a share of the servers' capacity (rho).</param>
/// <param name="Utilization">Share of worker time spent working since the statistics started, 0 to 1.</param>
/// <param name="Latency">Time in the server (queue plus service) of requests served since the statistics started.</param>
/// <param name="ResponseTime">What clients saw for answered requests: first send to answer, retries and network included.</param>
/// <param name="Curve">Latency against utilization, one point per 10 simulated seconds, the newest last.</param>
public sealed record ClientServerDetails(
    string ClientMode,
    string ServiceTimes,
    int Clients,
    int Workers,
    double ServiceRatePerSecond,
    double ArrivalsPerSecond,
    double ExtraPerSecond,
    double OfferedUtilization,
    double TimeoutMs,
    bool Retrying,
    bool SecondServer,
    double StatsSince,
    int QueueLength,
    int InSystem,
    double Utilization,
    LatencySummary Latency,
    LatencySummary ResponseTime,
    TheoryView Theory,
    LittlesLawView LittlesLaw,
    RequestCounts Counts,
    IReadOnlyList<ServerView> Servers,
    IReadOnlyList<LoadPoint> Curve);

/// <summary>Latency figures in milliseconds over <see cref="Count"/> requests.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P99Ms);

/// <summary>What queueing theory predicts at the current load; null figures where the queue grows without bound or no closed form exists.</summary>
/// <param name="Model">Kendall's name of the model the run is: "M/M/1", "M/D/2".</param>
/// <param name="Exact">False when the mean is an approximation (fixed service times on several workers).</param>
public sealed record TheoryView(string Model, bool Exact, double Utilization, double? MeanMs, double? P50Ms, double? P99Ms);

/// <summary>Little's law measured: the mean number of requests held (L) beside arrival rate times mean time held (lambda W).</summary>
public sealed record LittlesLawView(double MeanHeld, double ArrivalsPerSecond, double MeanSojournMs, double LambdaW);

/// <summary>Requests since the statistics started: accepted and answered by the servers, and how the clients' requests ended.</summary>
/// <param name="Accepted">Requests a server took into its queue or straight to a worker.</param>
/// <param name="Answered">Requests a server answered (served or reset); each accepted request gets exactly one answer.</param>
/// <param name="AnsweredInTime">Client requests that got their answer before the timeout.</param>
/// <param name="LateAnswers">Answers that came after their client gave up: work the server did for nobody.</param>
public sealed record RequestCounts(long Accepted, long Answered, long AnsweredInTime, long Rejected, long TimedOut, long Reset, long LateAnswers, long Retries);

/// <summary>One server as its card shows it.</summary>
/// <param name="InService">False for the spare second server, which no client knows while the switch is off.</param>
public sealed record ServerView(
    string Id, string Label, string State, bool Up, bool InService, int Workers, int Busy, int Queued, double Slowdown,
    long Accepted, long Served, long Rejected, long Resets, double Utilization, int ClientsPinned);

/// <summary>One measured point of the latency-versus-utilization chart.</summary>
/// <param name="Time">Simulated second at which its 10 s window ended.</param>
public sealed record LoadPoint(double Time, double Utilization, double OfferedUtilization, double MeanMs, double P50Ms, double P99Ms, long Count);
