using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;

namespace PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker;

internal static class CircuitBreakerTestSupport
{
    public static CircuitBreakerCluster Create(long seed = 1, Dictionary<string, double>? options = null) =>
        (CircuitBreakerCluster)CircuitBreakerPattern.Descriptor.CreateSimulation(seed, options);

    public static ActiveFault? Inject(CircuitBreakerCluster cluster, string faultId, string? target = null, double? value = null) =>
        cluster.InjectFault(new FaultRequest(faultId, target, value));

    public static InvariantView Invariant(SimulationBase simulation, string id) => simulation.Invariants.Views().Single(v => v.Id == id);

    /// <summary>Runs until the breaker of <paramref name="serviceId"/> is in <paramref name="state"/>; returns the time it took, or null.</summary>
    public static TimeSpan? RunUntilState(CircuitBreakerCluster cluster, string serviceId, string state, TimeSpan limit)
    {
        var start = cluster.Clock.Now;
        while (cluster.Breaker(serviceId).State != state)
        {
            if (cluster.Clock.Now - start > limit || !cluster.Step())
            {
                return null;
            }
        }
        return cluster.Clock.Now - start;
    }

    public static IEnumerable<object[]> Seeds(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(seed => new object[] { (long)seed });
}
