using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.EventDriven;

namespace PatternDashboard.Simulation.Tests.Patterns.EventDriven;

/// <summary>Builds Event-Driven clusters the way the app does and reads them the way tests need.</summary>
internal static class EventDrivenTestSupport
{
    public static EventDrivenCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (EventDrivenCluster)PatternCatalog.CreateRegistry().Get(EventDrivenPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    public static InvariantView Invariant(SimulationBase simulation, string id) => simulation.Invariants.Views().Single(v => v.Id == id);

    /// <summary>Stops registrations, then runs until the cluster is idle; false if the limit passes first.</summary>
    public static bool StopAndSettle(EventDrivenCluster cluster, TimeSpan limit)
    {
        Inject(cluster, EventDrivenPattern.Fault.RegistrationRate, value: 0);
        var end = cluster.Clock.Now + limit;
        while (!cluster.IsIdle)
        {
            if (cluster.Clock.Now > end)
            {
                return false;
            }
            cluster.RunFor(TimeSpan.FromMilliseconds(100));
        }
        cluster.RunFor(TimeSpan.FromSeconds(2));
        return cluster.IsIdle;
    }

    public static long Records(EventDrivenCluster cluster, string service) => cluster.Store(service).Records;
}
