using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Patterns.LeaderElection;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// Fast-forward of a 5-node Raft cluster with client writes. Simulated seconds per wall second is
/// 60 divided by the mean time reported here, in seconds.
/// </summary>
[MemoryDiagnoser]
public class LeaderElectionBenchmarks
{
    private LeaderElectionCluster cluster = null!;

    [IterationSetup]
    public void Setup() => cluster = (LeaderElectionCluster)LeaderElectionPattern.Descriptor.CreateSimulation(seed: 11);

    /// <summary>One simulated minute.</summary>
    [Benchmark]
    public long SimulateOneMinute()
    {
        cluster.RunFor(TimeSpan.FromMinutes(1));
        return cluster.Scheduler.ExecutedCount;
    }
}
