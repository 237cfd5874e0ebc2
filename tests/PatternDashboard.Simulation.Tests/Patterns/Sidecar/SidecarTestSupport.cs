using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.Sidecar;

namespace PatternDashboard.Simulation.Tests.Patterns.Sidecar;

/// <summary>Builds sidecar pods the way the app does.</summary>
internal static class SidecarTestSupport
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { (long)s });

    public static SidecarCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (SidecarCluster)PatternCatalog.CreateRegistry().Get(SidecarPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    /// <summary>Runs in small steps until the condition holds or the time is up; true when it held.</summary>
    public static bool RunUntil(SimulationBase simulation, Func<bool> condition, TimeSpan within)
    {
        var end = simulation.Clock.Now + within;
        while (!condition() && simulation.Clock.Now < end)
        {
            simulation.RunFor(TimeSpan.FromMilliseconds(10));
        }
        return condition();
    }

    public static string Violations(SimulationBase simulation) =>
        string.Join("; ", simulation.Invariants.Views().Where(v => v.Violations > 0).Select(v => $"{v.Id}: {v.LastViolation}"));
}
