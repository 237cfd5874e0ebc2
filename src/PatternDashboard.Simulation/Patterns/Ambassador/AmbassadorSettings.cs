using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>The ambassador's policy and the application's limits, read from checked options.</summary>
public sealed record AmbassadorSettings(
    double LoadPerSecond, int MaxAttempts, TimeSpan BaseDelay, TimeSpan AttemptTimeout, TimeSpan RequestTimeout, double RetryBudgetShare)
{
    public static AmbassadorSettings From(IReadOnlyDictionary<string, double> options) => new(
        options[Option.LoadPerSecond],
        (int)options[Option.MaxAttempts],
        TimeSpan.FromMilliseconds(options[Option.BaseDelayMs]),
        TimeSpan.FromMilliseconds(options[Option.AttemptTimeoutMs]),
        TimeSpan.FromMilliseconds(options[Option.RequestTimeoutMs]),
        options[Option.RetryBudgetPercent] / 100);
}
