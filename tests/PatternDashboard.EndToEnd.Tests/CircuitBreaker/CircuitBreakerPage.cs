using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.CircuitBreaker;

/// <summary>The Circuit Breaker page as a person finds it: regions, fields and buttons by their accessible names.</summary>
internal sealed class CircuitBreakerPage(IPage page) : PatternPageObject(page, "Circuit Breaker")
{
    public const string Path = "/patterns/circuit-breaker";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>The breaker's card; its state is the large label, a live status.</summary>
    public ILocator BreakerState(string label) => Region($"Breaker for {label}").GetByRole(AriaRole.Status);

    public ILocator ServiceFaults(string label) => Region($"Faults and load of {label}");

    public ILocator ErrorRateField(string label) => ServiceFaults(label).GetByLabel("Error rate (%)");
}
