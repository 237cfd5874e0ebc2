using PatternDashboard.Simulation.Patterns.LeaderElection;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

public sealed class LeaderElectionPartitionTests
{
    public static IEnumerable<object[]> FortySeeds => Seeds(40, first: 1000);

    [Theory]
    [MemberData(nameof(FortySeeds))]
    public void Split_LeaderInMinority_MinorityCannotElectWhileMajorityDoes(long seed)
    {
        var cluster = Create(seed);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var oldLeader = cluster.Leader!;
        long termAtSplit = oldLeader.CurrentTerm;

        Inject(cluster, Fault.Split);
        List<RaftNode> minority = [.. cluster.RaftNodes.Where(n => !cluster.Network.IsBlocked(oldLeader.Id, n.Id))];
        bool minorityElected = false;
        var end = cluster.Clock.Now + TimeSpan.FromSeconds(5);
        while (cluster.Clock.Now < end && cluster.Step())
        {
            minorityElected |= minority.Exists(n => n.Role == RaftRole.Leader && n.CurrentTerm > termAtSplit);
        }

        Assert.Equal(2, minority.Count);
        Assert.Contains(oldLeader, minority);
        Assert.False(minorityElected, $"Seed {seed}: the minority elected a leader in a new term.");
        Assert.NotNull(cluster.Leader);
        Assert.DoesNotContain(cluster.Leader, minority);
        Assert.Equal(RaftRole.Leader, oldLeader.Role);
        Assert.True(cluster.Invariants.AllHold, $"Seed {seed}: an invariant broke.");
    }

    [Theory]
    [MemberData(nameof(FortySeeds))]
    public void Isolate_Follower_NeverLeadsAndDisruptsAfterHeal(long seed)
    {
        var cluster = Create(seed);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var loner = cluster.RaftNodes.First(n => n.Role == RaftRole.Follower);

        var isolation = Inject(cluster, Fault.Isolate, loner.Id)!;
        bool lonerLed = false;
        var end = cluster.Clock.Now + TimeSpan.FromSeconds(3);
        while (cluster.Clock.Now < end && cluster.Step())
        {
            lonerLed |= loner.Role == RaftRole.Leader;
        }
        Assert.False(lonerLed, $"Seed {seed}: an isolated node became leader.");
        Assert.NotNull(cluster.Leader);
        Assert.True(loner.CurrentTerm > cluster.Leader!.CurrentTerm, $"Seed {seed}: the loner should have raised its term.");

        cluster.ClearFault(isolation.Id);

        Assert.True(RunUntilLeader(cluster, 10 * cluster.Settings.ElectionTimeoutMax) is not null, $"Seed {seed}: no leader after heal.");
        cluster.RunFor(TimeSpan.FromSeconds(1));
        Assert.NotNull(cluster.Leader);
        Assert.True(cluster.Leader!.CurrentTerm >= loner.CurrentTerm);
    }

    public static IEnumerable<object[]> HealCases =>
        from seed in Enumerable.Range(2000, 40)
        from fault in new[] { Fault.Split, Fault.Isolate, Fault.OneWay }
        select new object[] { (long)seed, fault };

    [Theory]
    [MemberData(nameof(HealCases))]
    public void Heal_AfterPartitionOfTheLeader_LeaderWithinTenElectionTimeouts(long seed, string fault)
    {
        var cluster = Create(seed);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        Inject(cluster, fault, fault == Fault.Split ? null : cluster.Leader!.Id);
        Inject(cluster, Fault.Loss, value: 20);
        cluster.RunFor(TimeSpan.FromSeconds(3));

        Inject(cluster, Fault.Heal);
        Assert.Empty(cluster.Faults.Active);
        Assert.Equal(cluster.Network.Conditions.BaseDelay, TimeSpan.FromMilliseconds(10));
        var took = RunUntilLeader(cluster, 10 * cluster.Settings.ElectionTimeoutMax);
        cluster.RunFor(15 * cluster.Settings.ElectionTimeoutMax);

        Assert.True(took is not null, $"Seed {seed}, {fault}: no leader within 10 election timeouts after heal.");
        Assert.Equal(0, Invariant(cluster, LeaderLivenessMonitor.MonitorId).Violations);
        Assert.Equal(0, Invariant(cluster, ElectionSafetyMonitor.MonitorId).Violations);
        Assert.Equal(0, cluster.Network.Conditions.LossRate);
    }

    [Fact]
    public void Isolate_LongPartition_LogsOnlyEveryTenthFutileElection()
    {
        var cluster = Create(seed: 21);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var loner = cluster.RaftNodes.First(n => n.Role == RaftRole.Follower);
        long term = loner.CurrentTerm;

        Inject(cluster, Fault.Isolate, loner.Id);
        cluster.RunFor(TimeSpan.FromSeconds(30));

        long elections = loner.CurrentTerm - term;
        int logged = cluster.Log.All().Count(e => e.Node == loner.Id && e.Kind == "election");
        Assert.True(elections > 100, $"Only {elections} elections in 30 s.");
        Assert.InRange(logged, 3 + elections / 10 - 1, 3 + elections / 10 + 1);
    }

    [Fact]
    public void OneWay_Leader_MajorityElectsAnotherWhileOldLeaderStillHears()
    {
        var cluster = Create(seed: 12);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var old = cluster.Leader!;

        Inject(cluster, Fault.OneWay, old.Id);
        cluster.RunFor(TimeSpan.FromSeconds(2));

        Assert.NotNull(cluster.Leader);
        Assert.NotSame(old, cluster.Leader);
        // It hears the new leader's heartbeats, so it learned the higher term and stepped down.
        Assert.Equal(RaftRole.Follower, old.Role);
        Assert.Equal(cluster.Leader!.CurrentTerm, old.CurrentTerm);
        Assert.Contains(cluster.CreateSnapshot().Links, l => l.State == "one-way" && l.To == old.Id);
    }
}
