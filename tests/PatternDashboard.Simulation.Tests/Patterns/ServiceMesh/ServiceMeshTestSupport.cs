using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.ServiceMesh;

namespace PatternDashboard.Simulation.Tests.Patterns.ServiceMesh;

/// <summary>Builds Service Mesh clusters the way the app does.</summary>
internal static class ServiceMeshTestSupport
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { (long)s });

    public static ServiceMeshCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (ServiceMeshCluster)PatternCatalog.CreateRegistry().Get(ServiceMeshPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    public static int Violations(SimulationBase simulation, string monitorId) =>
        simulation.Invariants.Views().Single(v => v.Id == monitorId).Violations;
}
