namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>One breaker's card, in the spirit of the Hystrix dashboard, plus the state of the service behind it.</summary>
/// <param name="State">"Closed", "Open", "Half-Open" or "Isolated".</param>
/// <param name="TimeInState">Simulated seconds since the last change of state.</param>
/// <param name="HalfOpenIn">While Open: seconds until the next call may probe; otherwise null.</param>
/// <param name="ErrorPercent">Failed calls among completed ones over the sampling window, 0 to 100.</param>
/// <param name="RequestVolume">Requests for this service over the sampling window.</param>
public sealed record BreakerView(
    string ServiceId,
    string Label,
    string State,
    double TimeInState,
    double? HalfOpenIn,
    double ErrorPercent,
    long RequestVolume,
    OutcomeRates PerSecond,
    double LatencyP50,
    double LatencyP90,
    double LatencyP99,
    double FailureRatio,
    int MinimumThroughput,
    double SamplingDurationMs,
    double BreakDurationMs,
    int ProbesThisHalfOpen,
    ProbeResult? LastProbe,
    IReadOnlyList<BreakerSpan> Band,
    ServiceView Service);

/// <summary>Outcomes per second over the last second.</summary>
public sealed record OutcomeRates(double Success, double Failure, double Rejected, double Fallback, double NoSlot);

/// <summary>The downstream service's faults and load, as the card's fault controls show them.</summary>
public sealed record ServiceView(double ErrorPercent, double AddedLatencyMs, bool Down, double LoadPerSecond, int Busy, int Queued);

/// <summary>What the Circuit Breaker page shows beyond the nodes.</summary>
/// <param name="SuccessPercent">Per service id: requests answered by the service over the last 10 s, 0 to 100.</param>
public sealed record CircuitBreakerDetails(
    IReadOnlyList<BreakerView> Breakers,
    int CallerSlots,
    int CallerBusy,
    int CallerWaiting,
    double CallTimeoutMs,
    bool BreakersRemoved,
    IReadOnlyDictionary<string, double> SuccessPercent);
