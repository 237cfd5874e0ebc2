using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.StranglerFig;

namespace PatternDashboard.Simulation.Tests.Patterns.StranglerFig;

/// <summary>Builds Strangler Fig clusters the way the app does, and runs them to a feature's stage.</summary>
internal static class StranglerFigTestSupport
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { (long)s });

    public static StranglerFigCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (StranglerFigCluster)PatternCatalog.CreateRegistry().Get(StranglerFigPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    /// <summary>Runs in small steps until the feature's row is in <paramref name="stage"/>; fails after <paramref name="within"/>.</summary>
    public static void RunUntilStage(StranglerFigCluster cluster, string feature, RouteStage stage, TimeSpan within)
    {
        var end = cluster.Clock.Now + within;
        while (cluster.Route(feature).Stage != stage)
        {
            Assert.True(cluster.Clock.Now < end, $"seed {cluster.Seed}: {feature} is {cluster.Route(feature).Stage}, not {stage}, after {within.TotalSeconds} s.");
            cluster.RunFor(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The business value in an answer, without its noise.</summary>
    public static string ValueOf(string answer) =>
        FeatureAnswers.Fields(answer).First(f => f.Name == FeatureAnswers.ValueField).Value;
}
