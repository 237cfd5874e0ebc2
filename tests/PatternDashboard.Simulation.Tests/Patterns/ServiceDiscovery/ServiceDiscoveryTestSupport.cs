using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;

namespace PatternDashboard.Simulation.Tests.Patterns.ServiceDiscovery;

/// <summary>Builds Service Discovery clusters the way the app does and reads them the way tests need.</summary>
internal static class ServiceDiscoveryTestSupport
{
    public static ServiceDiscoveryCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (ServiceDiscoveryCluster)PatternCatalog.CreateRegistry().Get(ServiceDiscoveryPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    public static bool IsRegistered(ServiceDiscoveryCluster cluster, string instanceId) => cluster.Registry.Entry(instanceId) is not null;

    /// <summary>Runs in steps of <paramref name="step"/> until the condition holds; the time it first held, or null if <paramref name="limit"/> passed.</summary>
    public static TimeSpan? RunUntil(ServiceDiscoveryCluster cluster, Func<bool> condition, TimeSpan limit, TimeSpan? step = null)
    {
        var end = cluster.Clock.Now + limit;
        while (cluster.Clock.Now < end)
        {
            if (condition())
            {
                return cluster.Clock.Now;
            }
            cluster.RunFor(step ?? TimeSpan.FromMilliseconds(10));
        }
        return condition() ? cluster.Clock.Now : null;
    }
}
