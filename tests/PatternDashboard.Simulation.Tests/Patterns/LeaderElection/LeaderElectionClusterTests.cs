using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

public sealed class LeaderElectionClusterTests
{
    public static IEnumerable<object[]> FiftySeeds => Seeds(50);

    public static IEnumerable<object[]> TwentySeeds => Seeds(20, first: 100);

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
        Assert.All(cluster.RaftNodes, n => Assert.Equal(cluster.Leader!.CurrentTerm, n.CurrentTerm));
        Assert.True(cluster.Invariants.AllHold, $"Seed {seed}: an invariant broke.");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public void Start_SmallestAndLargestCluster_ElectsOneLeader(int nodeCount)
    {
        var cluster = Create(seed: 5, nodeCount: nodeCount);

        Assert.NotNull(RunUntilLeader(cluster, 5 * cluster.Settings.ElectionTimeoutMax));
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(nodeCount, cluster.RaftNodes.Count);
        Assert.Equal(1, cluster.BelievedLeaders);
    }

    [Theory]
    [MemberData(nameof(TwentySeeds))]
    public void CrashLeader_StableCluster_NewLeaderWithHigherTermAppears(long seed)
    {
        var cluster = Create(seed);
        Assert.NotNull(RunUntilLeader(cluster, TimeSpan.FromSeconds(3)));
        cluster.RunFor(TimeSpan.FromSeconds(1));
        var old = cluster.Leader!;
        long oldTerm = old.CurrentTerm;

        Inject(cluster, Fault.CrashLeader);
        var took = RunUntilLeader(cluster, 10 * cluster.Settings.ElectionTimeoutMax);

        Assert.True(took is not null, $"Seed {seed}: no new leader after the crash.");
        Assert.NotSame(old, cluster.Leader);
        Assert.True(cluster.Leader!.CurrentTerm > oldTerm, $"Seed {seed}: the new leader's term is not higher.");
        Assert.Equal(NodeLifecycle.Crashed, old.Lifecycle);
    }

    [Fact]
    public void Restart_CrashedLeader_KeepsTermAndVoteThenFollows()
    {
        var cluster = Create(seed: 3);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var old = cluster.Leader!;
        long term = old.CurrentTerm;

        Inject(cluster, Fault.Crash, old.Id);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        Inject(cluster, Fault.Restart, old.Id);

        Assert.Equal(term, old.CurrentTerm);
        Assert.Equal(old.Id, old.VotedFor);
        Assert.Equal(RaftRole.Follower, old.Role);
        Assert.Empty(cluster.Faults.Active);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        Assert.True(old.CurrentTerm > term);
        Assert.Equal(cluster.Leader!.Id, old.KnownLeader);
    }

    [Fact]
    public void Resume_PausedLeader_ZombieStepsDownOnHigherTerm()
    {
        var cluster = Create(seed: 8);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var zombie = cluster.Leader!;

        Inject(cluster, Fault.Pause, zombie.Id);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(RaftRole.Leader, zombie.Role);
        Assert.NotNull(cluster.Leader);
        Assert.NotSame(zombie, cluster.Leader);
        Assert.Equal(2, cluster.BelievedLeaders);
        var view = cluster.CreateSnapshot().Nodes.Single(n => n.Id == zombie.Id);
        Assert.Equal(("paused", false, "paused", "leader"), (view.State, view.Up, view.Lifecycle, view.Properties["role"]));

        Inject(cluster, Fault.Resume, zombie.Id);

        Assert.Equal(RaftRole.Follower, zombie.Role);
        Assert.Equal(1, cluster.BelievedLeaders);
        Assert.Empty(cluster.Faults.Active);
        Assert.Contains(cluster.Log.All(), e => e.Kind == "step-down" && e.Node == zombie.Id);
    }

    [Fact]
    public void ForceTimeout_Follower_StartsElectionInNextTerm()
    {
        var cluster = Create(seed: 4);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var follower = cluster.RaftNodes.First(n => n.Role == RaftRole.Follower);
        long term = follower.CurrentTerm;

        Inject(cluster, Fault.ForceTimeout, follower.Id);

        Assert.Equal(RaftRole.Candidate, follower.Role);
        Assert.Equal(term + 1, follower.CurrentTerm);
        Assert.Equal(follower.Id, follower.VotedFor);
        Assert.NotNull(RunUntilLeader(cluster, 10 * cluster.Settings.ElectionTimeoutMax));
        Assert.True(cluster.Leader!.CurrentTerm > term);
    }

    [Fact]
    public void CreateSnapshot_StableCluster_DescribesNodesDetailsAndMetrics()
    {
        var cluster = Create(seed: 2);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        cluster.RunFor(TimeSpan.FromSeconds(3));

        var snapshot = cluster.CreateSnapshot();

        var leaderView = Assert.Single(snapshot.Nodes, n => n.State == "leader");
        Assert.Equal(cluster.Leader!.Id, leaderView.Id);
        Assert.Equal(0.0, leaderView.Properties["electionTimer"]);
        Assert.Equal(4, snapshot.Nodes.Count(n => n.State == "follower"));
        Assert.All(snapshot.Nodes.Where(n => n.State == "follower"), n =>
        {
            Assert.InRange((double)n.Properties["electionTimer"]!, 0, 1);
            Assert.InRange((double)n.Properties["electionTimeoutMs"]!, 150, 300);
            Assert.Equal(leaderView.Properties["term"], n.Properties["term"]);
            Assert.Equal(leaderView.Id, n.Properties["knownLeader"]);
        });
        Assert.Equal("client", Assert.Single(snapshot.Nodes, n => n.Id == ClientNode.ClientId).State);
        var details = Assert.IsType<LeaderElectionDetails>(snapshot.Details);
        Assert.Equal(leaderView.Id, details.LeaderId);
        var reign = Assert.Single(details.Timeline);
        Assert.Null(reign.End);
        Assert.InRange(details.TimeWithoutLeader, 0.05, 1);
        Assert.Equal(0.15, details.ElectionTimeoutMin, 6);
        Assert.Equal(0.3, details.ElectionTimeoutMax, 6);
        Assert.True(details.WritesAccepted > 0);
        Assert.Equal(1, snapshot.Metrics["leaders"]);
        Assert.Equal(5, snapshot.Metrics["writes accepted/s"], 1);
        Assert.Equal(0, snapshot.Metrics["writes rejected/s"]);
        Assert.Contains(snapshot.Series, s => s.Name == "term" && s.Points.Length > 0);
        Assert.Contains(snapshot.Series, s => s.Name == "time without leader");
    }

    [Fact]
    public void Details_LeaderCrashedThenReplaced_TimelineShowsBothReignsAndTheGap()
    {
        var cluster = Create(seed: 6);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var first = cluster.Leader!;
        cluster.RunFor(TimeSpan.FromSeconds(1));
        double before = cluster.Details().TimeWithoutLeader;
        double crashAt = cluster.Clock.Now.TotalSeconds;

        Inject(cluster, Fault.CrashLeader);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        double electedAt = cluster.Clock.Now.TotalSeconds;
        cluster.RunFor(TimeSpan.FromSeconds(1));

        var details = cluster.Details();
        Assert.Equal(2, details.Timeline.Count);
        Assert.Equal(new LeadershipSpan(first.CurrentTerm, first.Id, details.Timeline[0].Start, crashAt), details.Timeline[0]);
        Assert.Equal(cluster.Leader!.Id, details.Timeline[1].LeaderId);
        Assert.Null(details.Timeline[1].End);
        Assert.Equal(electedAt - crashAt, details.TimeWithoutLeader - before, 3);
    }

    [Theory]
    [InlineData(400, 300, "must not exceed")]
    [InlineData(150, 300, "must be shorter", 150)]
    public void Create_InconsistentTimeouts_ThrowsWithClearMessage(double min, double max, string expected, double heartbeat = 50)
    {
        var options = new Dictionary<string, double>
        {
            [Option.ElectionTimeoutMinMs] = min,
            [Option.ElectionTimeoutMaxMs] = max,
            [Option.HeartbeatIntervalMs] = heartbeat,
        };

        var error = Assert.Throws<SimulationInputException>(() => Create(1, options: options));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Create_NetworkDelayOption_SetsLinkConditions()
    {
        var cluster = Create(1, options: new() { [Option.NetworkDelayMs] = 40 });

        Assert.Equal(TimeSpan.FromMilliseconds(40), cluster.Network.Conditions.BaseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(20), cluster.Network.Conditions.Jitter);
    }
}
