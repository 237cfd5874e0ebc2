using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.Sharding;

namespace PatternDashboard.Simulation.Tests.Patterns.Sharding;

/// <summary>Builds Sharding clusters the way the app does and reads them the way tests need.</summary>
internal static class ShardingTestSupport
{
    public static ShardingCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (ShardingCluster)PatternCatalog.CreateRegistry().Get(ShardingPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    public static ShardingDetails Details(ShardingCluster cluster) => (ShardingDetails)cluster.CreateSnapshot().Details!;

    public static StrategyView View(ShardingCluster cluster, Strategy strategy) =>
        Details(cluster).Strategies.Single(s => s.Id == ShardingPattern.StrategyId(strategy));

    /// <summary>Runs until no store is rebalancing; false if <paramref name="limit"/> passed first.</summary>
    public static bool RunUntilSettled(ShardingCluster cluster, TimeSpan limit)
    {
        var end = cluster.Clock.Now + limit;
        while (cluster.Router.IsRebalancing() && cluster.Clock.Now < end)
        {
            cluster.RunFor(TimeSpan.FromMilliseconds(50));
        }
        return !cluster.Router.IsRebalancing();
    }

    /// <summary>The first invariant with violations, or null.</summary>
    public static string? FirstViolation(SimulationBase simulation) =>
        simulation.Invariants.Views().FirstOrDefault(v => v.Violations > 0) is { } red ? $"{red.Id}: {red.LastViolation}" : null;

    /// <summary>Coefficient of variation (standard deviation over mean) of the values.</summary>
    public static double Spread(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count) / mean;
    }

    public static IEnumerable<long> Seeds(int count) => Enumerable.Range(1, count).Select(i => (long)i);
}
