using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using Xunit.Abstractions;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker.CircuitBreakerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker;

/// <summary>
/// The reason the pattern exists, measured on the real simulation: service A turns slow (the default latency fault);
/// without breakers its calls hold the caller's slots and service B fails too; with breakers B keeps serving.
/// </summary>
public sealed class CascadingFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SlowServiceA_WithoutBreakers_HealthyServiceBFallsBelowHalf(long seed)
    {
        double success = ServiceBSuccessUnderDefaultFault(seed, removeBreakers: true);

        Assert.True(success < 0.5, $"Seed {seed}: without breakers B still answered {success:P1} of its requests.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SlowServiceA_WithBreakers_HealthyServiceBStaysAbove95Percent(long seed)
    {
        double success = ServiceBSuccessUnderDefaultFault(seed, removeBreakers: false);

        Assert.True(success > 0.95, $"Seed {seed}: with breakers B answered only {success:P1} of its requests.");
    }

    [Fact]
    public void SlowServiceA_WithoutBreakers_HealthyServiceMonitorTurnsRed()
    {
        var cluster = Create(seed: 5);
        Inject(cluster, Fault.RemoveBreakers);
        cluster.RunFor(Warmup);
        Inject(cluster, Fault.Latency, ServiceA);
        cluster.RunFor(TimeSpan.FromSeconds(30));

        var healthy = Invariant(cluster, HealthyServiceMonitor.MonitorId);
        Assert.True(healthy.Violations > 0, "The cascade did not show on the invariant panel.");
        Assert.Contains(cluster.Log.All(), e => e.Text.StartsWith("Caller saturated", StringComparison.Ordinal));
    }

    [Fact]
    public void SlowServiceA_WithBreakers_EveryInvariantHolds()
    {
        var cluster = Create(seed: 5);
        cluster.RunFor(Warmup);
        Inject(cluster, Fault.Latency, ServiceA);
        cluster.RunFor(TimeSpan.FromSeconds(60));

        Assert.True(cluster.Invariants.AllHold, string.Join("; ", cluster.Invariants.Views().Where(v => !v.Holds).Select(v => v.LastViolation)));
        Assert.Equal(0, cluster.Invariants.TotalViolations);
        Assert.Equal(0, cluster.InternalErrors);
    }

    private double ServiceBSuccessUnderDefaultFault(long seed, bool removeBreakers)
    {
        var cluster = Create(seed);
        if (removeBreakers)
        {
            Inject(cluster, Fault.RemoveBreakers);
        }
        cluster.RunFor(Warmup);
        var before = cluster.Breaker(ServiceB).Stats.Total;
        Inject(cluster, Fault.Latency, ServiceA);
        cluster.RunFor(Measured);
        var after = cluster.Breaker(ServiceB).Stats.Total;
        long requests = after.Requests - before.Requests;
        double success = (double)(after.Success - before.Success) / requests;
        output.WriteLine($"seed {seed}, breakers {(removeBreakers ? "removed" : "on")}: B {after.Success - before.Success}/{requests} = {success:P1}; " +
                         $"no slot {after.NoSlot - before.NoSlot}; A {cluster.Breaker(ServiceA).Stats.Total}; errors {cluster.InternalErrors}");
        Assert.Equal(0, cluster.InternalErrors);
        return success;
    }
}
