using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.Microservices;

namespace PatternDashboard.Simulation.Tests.Patterns.Microservices;

/// <summary>Builds microservices clusters the way the app does.</summary>
internal static class MicroservicesTestSupport
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { (long)s });

    public static MicroservicesCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (MicroservicesCluster)PatternCatalog.CreateRegistry().Get(MicroservicesPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    public static FeatureView Feature(MicroservicesCluster cluster, string id) => cluster.Details().Features.Single(f => f.Id == id);

    /// <summary>Served share of a feature's requests from <paramref name="since"/> on, from its totals.</summary>
    public static double ServedSince(MicroservicesCluster cluster, string feature, (long Ok, long All) since)
    {
        var total = cluster.Book(feature).Total;
        long all = total.Requests - since.All;
        return all == 0 ? 1 : (double)(total.Success - since.Ok) / all;
    }

    public static (long Ok, long All) Mark(MicroservicesCluster cluster, string feature) =>
        (cluster.Book(feature).Total.Success, cluster.Book(feature).Total.Requests);
}
