using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

public sealed class LeaderElectionReplayTests
{
    private static readonly TimeSpan End = TimeSpan.FromSeconds(12);

    [Theory]
    [InlineData(11)]
    [InlineData(12345)]
    public void Replay_RecordingWithFaults_ReproducesEventLogExactly(long seed)
    {
        var original = RunScript(seed);

        var replayed = PatternCatalog.CreateRegistry().Replay(original.ToRecording(), End);

        Assert.Equal(original.Log.All(), replayed.Log.All());
        Assert.Equal(original.Scheduler.ExecutedCount, replayed.Scheduler.ExecutedCount);
        Assert.Equal(original.Faults.Active, replayed.Faults.Active);
        Assert.Equal(original.Invariants.Views(), replayed.Invariants.Views());
    }

    [Fact]
    public void Replay_RecordingThroughJson_ReproducesEventLogExactly()
    {
        var original = RunScript(seed: 77);
        var json = original.ToRecording().ToJson();

        var parsed = Recording.FromJson(json);
        var replayed = (LeaderElectionCluster)PatternCatalog.CreateRegistry().Replay(parsed, End);

        Assert.Equal(json, parsed.ToJson());
        Assert.Equal(original.Log.All(), replayed.Log.All());
        Assert.Equal(original.Details().Timeline, replayed.Details().Timeline);
        Assert.Equal(original.Client.Accepted, replayed.Client.Accepted);
    }

    [Fact]
    public void Create_SameSeedTwice_RunsIdentically()
    {
        var a = Create(seed: 99);
        var b = Create(seed: 99);
        a.RunFor(TimeSpan.FromSeconds(20));
        b.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(a.Log.All(), b.Log.All());
        Assert.Equal(a.Network.Stats, b.Network.Stats);
    }

    /// <summary>A scripted session touching most faults, with targets chosen from the run's own state.</summary>
    private static LeaderElectionCluster RunScript(long seed)
    {
        var cluster = Create(seed);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        cluster.RunUntil(TimeSpan.FromSeconds(1));
        Inject(cluster, Fault.CrashLeader);
        cluster.RunUntil(TimeSpan.FromSeconds(2));
        Inject(cluster, Fault.Split);
        Inject(cluster, Fault.Loss, value: 15);
        cluster.RunUntil(TimeSpan.FromSeconds(3.5));
        Inject(cluster, Fault.Heal);
        var crashed = cluster.RaftNodes.First(n => !n.IsUp);
        Inject(cluster, Fault.Restart, crashed.Id);
        cluster.RunUntil(TimeSpan.FromSeconds(5));
        var pause = Inject(cluster, Fault.Pause, cluster.CurrentLeader?.Id ?? "n1")!;
        Inject(cluster, Fault.Delay, value: 40);
        cluster.RunUntil(TimeSpan.FromSeconds(7));
        cluster.ClearFault(pause.Id);
        Inject(cluster, Fault.OneWay, "n2");
        cluster.RunUntil(TimeSpan.FromSeconds(8));
        Inject(cluster, Fault.BreakQuorum);
        foreach (var follower in cluster.RaftNodes.Where(n => n.IsUp && n.Role != RaftRole.Leader).Take(2).ToList())
        {
            Inject(cluster, Fault.ForceTimeout, follower.Id);
        }
        cluster.RunUntil(TimeSpan.FromSeconds(10));
        Inject(cluster, Fault.Isolate, "n3");
        cluster.RunUntil(End);
        Assert.True(cluster.Inputs.Count >= 12);
        return cluster;
    }
}
