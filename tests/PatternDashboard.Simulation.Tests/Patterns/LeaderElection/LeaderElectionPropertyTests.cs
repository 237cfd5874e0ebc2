using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Simulation.Tests.TestSupport;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;


namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

/// <summary>Seeded property tests: each seed picks its own faults and times; a failing seed replays exactly.</summary>
public sealed class LeaderElectionPropertyTests
{
    // Repairs are listed more than once so the cluster spends time healthy enough to elect, where safety is at stake.
    private static readonly string[] RandomFaults =
    [
        Fault.Crash, Fault.Restart, Fault.Pause, Fault.Resume, Fault.Isolate, Fault.Split, Fault.OneWay,
        Fault.Heal, Fault.Delay, Fault.Loss, Fault.ForceTimeout, Fault.CrashLeader,
        RandomInputs.Clear, RandomInputs.Clear, RandomInputs.Clear, Fault.Heal, Fault.Restart, Fault.Resume,
    ];

    public static IEnumerable<object[]> PropertySeeds => Seeds(200, first: 10_000);

    [Theory]
    [MemberData(nameof(PropertySeeds))]
    public void RandomFaults_QuorumsIntact_ElectionSafetyAndLivenessHold(long seed)
    {
        var cluster = Create(seed, nodeCount: 3 + (int)(seed % 4) * 2);
        var chaos = new SeededRandom(seed).Derive("test-faults");
        int applied = 0;

        while (cluster.Clock.Now < TimeSpan.FromSeconds(30))
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(1500)));
            applied += TryRandomInput(cluster, chaos) ? 1 : 0;
        }
        var safety = Invariant(cluster, ElectionSafetyMonitor.MonitorId);
        var liveness = Invariant(cluster, LeaderLivenessMonitor.MonitorId);
        Assert.True(safety.Violations == 0, $"Seed {seed}: {safety.LastViolation}");
        Assert.True(liveness.Violations == 0, $"Seed {seed}: {liveness.LastViolation}");
        Assert.True(applied > 5, $"Seed {seed}: only {applied} faults applied.");

        foreach (var fault in cluster.Faults.Active.ToList())
        {
            cluster.ClearFault(fault.Id);
        }
        Assert.True(cluster.IsHealthy, $"Seed {seed}: clearing every fault left the cluster unhealthy.");
        var took = RunUntilLeader(cluster, LeaderLivenessMonitor.TimeoutsAllowed * cluster.Settings.ElectionTimeoutMax);
        Assert.True(took is not null, $"Seed {seed}: no leader within 10 election timeouts after clearing every fault.");
        Assert.True(cluster.Invariants.AllHold, $"Seed {seed}: an invariant broke after the heal.");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(9)]
    public void BreakQuorum_ConcurrentForcedTimeouts_SomeSeedElectsTwoLeadersInOneTermAndIsCaught(int nodeCount)
    {
        var caught = new List<long>();
        for (long seed = 1; seed <= 20; seed++)
        {
            var cluster = Create(seed, nodeCount);
            RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
            Inject(cluster, Fault.BreakQuorum);
            Assert.True(cluster.VotesNeeded < cluster.Settings.Majority, "Break it must let a minority win.");

            var followers = cluster.RaftNodes.Where(n => n.Role == RaftRole.Follower).Take(2).ToList();
            foreach (var follower in followers)
            {
                Inject(cluster, Fault.ForceTimeout, follower.Id);
            }
            cluster.RunFor(TimeSpan.FromSeconds(1));

            var safety = Invariant(cluster, ElectionSafetyMonitor.MonitorId);
            if (safety.Violations > 0)
            {
                Assert.Contains("has two leaders", safety.LastViolation);
                Assert.Contains(cluster.Log.All(), e => e.Kind == "invariant");
                caught.Add(seed);
            }
        }

        Assert.NotEmpty(caught);
    }

    [Fact]
    public void BreakQuorum_Cleared_MajoritiesAreRequiredAgain()
    {
        var cluster = Create(seed: 1);
        var breakIt = Inject(cluster, Fault.BreakQuorum)!;
        Assert.True(cluster.BreakQuorum);
        Assert.False(cluster.IsHealthy);

        cluster.ClearFault(breakIt.Id);

        Assert.False(cluster.BreakQuorum);
        Assert.Equal(3, cluster.VotesNeeded);
        Assert.False(cluster.Details().BreakQuorum);
    }

    // Skewed towards small values: a 2 s delay just stops everything, a 100 ms one makes elections race.
    private static bool TryRandomInput(LeaderElectionCluster cluster, SeededRandom chaos) =>
        RandomInputs.TryApply(cluster, chaos, RandomFaults, [.. cluster.RaftNodes.Select(n => n.Id)], skew: 3);
}
