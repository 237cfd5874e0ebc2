using PatternDashboard.Simulation.Patterns.LeaderElection;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

public sealed class LeaderElectionClusterTests
{
    public static IEnumerable<object[]> FiftySeeds => Seeds(50);

    [Theory]
    [MemberData(nameof(FiftySeeds))]
    public void Start_FiveNodes_ElectsExactlyOneLeaderWithinFewTimeouts(long seed)
    {
        var cluster = Create(seed);

        var took = RunUntilLeader(cluster, 5 * cluster.Settings.ElectionTimeoutMax);
        cluster.RunFor(TimeSpan.FromSeconds(2));

        Assert.True(took is not null, $"Seed {seed}: no leader within 5 election timeouts.");
        Assert.Equal(1, cluster.BelievedLeaders);
        Assert.NotNull(cluster.Leader);
        Assert.True(cluster.Invariants.AllHold, $"Seed {seed}: an invariant broke.");
    }
}
