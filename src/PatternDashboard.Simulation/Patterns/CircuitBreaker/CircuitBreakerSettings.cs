using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>The options of one Polly circuit breaker, checked against Polly's own ranges before anything is built.</summary>
public sealed record CircuitBreakerSettings(double FailureRatio, int MinimumThroughput, TimeSpan SamplingDuration, TimeSpan BreakDuration)
{
    public static CircuitBreakerSettings From(IReadOnlyDictionary<string, double> options) => Checked(
        options[Option.FailureRatio], options[Option.MinimumThroughput],
        options[Option.SamplingDurationMs], options[Option.BreakDurationMs]);

    /// <summary>Builds settings from raw numbers, refusing any value Polly would refuse, with a message that says which and why.</summary>
    public static CircuitBreakerSettings Checked(double failureRatio, double minimumThroughput, double samplingDurationMs, double breakDurationMs)
    {
        if (double.IsNaN(failureRatio) || failureRatio <= 0 || failureRatio > 1)
        {
            throw new SimulationInputException($"Failure ratio must be greater than 0 and at most 1 (0.5 means half the calls failed); got {failureRatio}.");
        }
        if (double.IsNaN(minimumThroughput) || minimumThroughput < 2 || minimumThroughput > int.MaxValue || minimumThroughput != Math.Floor(minimumThroughput))
        {
            throw new SimulationInputException($"Minimum throughput must be a whole number of calls, 2 or more; got {minimumThroughput}.");
        }
        CheckDuration("Sampling duration", samplingDurationMs);
        CheckDuration("Break duration", breakDurationMs);
        return new CircuitBreakerSettings(failureRatio, (int)minimumThroughput,
            TimeSpan.FromMilliseconds(samplingDurationMs), TimeSpan.FromMilliseconds(breakDurationMs));
    }

    public CircuitBreakerSettings With(string faultId, double value) => faultId switch
    {
        Fault.SetFailureRatio => Checked(value, MinimumThroughput, SamplingDuration.TotalMilliseconds, BreakDuration.TotalMilliseconds),
        Fault.SetMinimumThroughput => Checked(FailureRatio, value, SamplingDuration.TotalMilliseconds, BreakDuration.TotalMilliseconds),
        Fault.SetSamplingDuration => Checked(FailureRatio, MinimumThroughput, value, BreakDuration.TotalMilliseconds),
        Fault.SetBreakDuration => Checked(FailureRatio, MinimumThroughput, SamplingDuration.TotalMilliseconds, value),
        _ => throw new ArgumentOutOfRangeException(nameof(faultId), faultId, "Not a breaker setting."),
    };

    private static void CheckDuration(string name, double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < MinDurationMs || milliseconds > MaxDurationMs)
        {
            throw new SimulationInputException($"{name} must be between 500 ms and one day ({MaxDurationMs:0} ms); got {milliseconds} ms.");
        }
    }
}
