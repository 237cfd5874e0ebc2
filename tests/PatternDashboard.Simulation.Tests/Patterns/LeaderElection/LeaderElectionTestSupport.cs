using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

/// <summary>Builds clusters the way the app does and reads them the way tests need.</summary>
internal static class LeaderElectionTestSupport
{
    public static LeaderElectionCluster Create(long seed, int nodeCount = 5, double writesPerSecond = 5, Dictionary<string, double>? options = null)
    {
        var all = new Dictionary<string, double>(options ?? [])
        {
            [LeaderElectionPattern.Option.NodeCount] = nodeCount,
            [LeaderElectionPattern.Option.ClientWritesPerSecond] = writesPerSecond,
        };
        return (LeaderElectionCluster)PatternCatalog.CreateRegistry().Get(LeaderElectionPattern.Id).CreateSimulation(seed, all);
    }

    public static IEnumerable<object[]> Seeds(int count, int first = 1) => Enumerable.Range(first, count).Select(s => new object[] { (long)s });

    /// <summary>Runs until a live leader exists or the limit passes; returns the time it took, or null.</summary>
    public static TimeSpan? RunUntilLeader(LeaderElectionCluster cluster, TimeSpan limit)
    {
        var start = cluster.Clock.Now;
        while (cluster.Leader is null)
        {
            if (cluster.Clock.Now - start > limit || !cluster.Step())
            {
                return null;
            }
        }
        return cluster.Clock.Now - start;
    }

    public static InvariantView Invariant(SimulationBase simulation, string id) =>
        simulation.Invariants.Views().Single(v => v.Id == id);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));
}
