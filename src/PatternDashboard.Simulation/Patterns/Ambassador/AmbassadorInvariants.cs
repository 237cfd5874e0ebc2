using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>No request gets more attempts than the configured maximum, whatever the pipeline.</summary>
public sealed class AttemptLimitMonitor(AmbassadorNode ambassador)
    : InvariantMonitor(MonitorId, "Attempts per request never exceed the configured maximum")
{
    public const string MonitorId = "attempt-limit";

    public override string? Check() => ambassador.OverLimit == 0
        ? null
        : $"{ambassador.OverLimit} request(s) took more than {ambassador.Settings.MaxAttempts} attempts (most: {ambassador.MostAttemptsSeen}).";
}

/// <summary>
/// Retries stay within the budget: over the last 10 s the service sees at most the requests plus the budget's share
/// of them (and its small allowance). Retries without a budget break this during an outage: a retry storm.
/// </summary>
public sealed class RetryBudgetMonitor(AmbassadorCluster cluster)
    : InvariantMonitor(MonitorId, "Retries stay within the retry budget (load on the service is not multiplied)")
{
    public const string MonitorId = "retry-budget";

    public override string? Check()
    {
        var budget = cluster.Ambassador.Budget;
        // The application's requests, whether they went through the ambassador or (bypassed) straight to the service.
        long requests = cluster.AppStats.Over(cluster.Clock.Now, RetryBudget.Window).Requests;
        long attempts = cluster.AttemptStats.Over(cluster.Clock.Now, RetryBudget.Window).Completed;
        double allowed = requests * (1 + budget.Share) + budget.Allowance;
        // Attempts of requests that began just before the window are counted, requests not: allow one second of them.
        allowed += cluster.Settings.LoadPerSecond * cluster.Settings.MaxAttempts;
        return attempts <= allowed
            ? null
            : $"{attempts} attempts reached the service for {requests} requests in 10 s: the load is multiplied {(double)attempts / Math.Max(1, requests):0.#} times.";
    }
}
