namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>One line of the ambassador's own log: what one attempt did.</summary>
/// <param name="RetryInMs">The wait before the next attempt, or null when none followed.</param>
public sealed record AttemptRecord(double Time, long RequestId, int Attempt, string Outcome, double LatencyMs, double? RetryInMs);

/// <summary>What the Ambassador page shows beyond the nodes.</summary>
/// <param name="AttemptsPerRequest">Over the last 10 s: attempts the ambassador made per request it handled.</param>
/// <param name="AttemptHistogram">Requests by how many attempts they took, index 0 for one attempt.</param>
public sealed record AmbassadorDetails(
    double RequestsPerSecond,
    double AttemptsPerSecond,
    double AttemptsPerRequest,
    double SuccessPercent,
    double LatencyP50,
    double LatencyP90,
    double LatencyP99,
    int MaxAttempts,
    int MostAttemptsSeen,
    IReadOnlyList<long> AttemptHistogram,
    long RetriesRefusedByBudget,
    bool RetryStorm,
    bool Bypassed,
    bool AmbassadorUp,
    IReadOnlyList<AttemptRecord> Log);
