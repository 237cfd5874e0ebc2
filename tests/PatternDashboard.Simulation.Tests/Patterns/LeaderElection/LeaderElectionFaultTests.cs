using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

public sealed class LeaderElectionFaultTests
{
    public static TheoryData<FaultRequest, string> BadRequests => new()
    {
        { new FaultRequest("meteor"), "Unknown fault 'meteor'" },
        { new FaultRequest(Fault.Crash, "n42"), "Unknown node 'n42'" },
        { new FaultRequest(Fault.Crash), "needs a target node" },
        { new FaultRequest(Fault.Heal, "n1"), "takes no target" },
        { new FaultRequest(Fault.Loss, Value: 150), "between 0 and 100" },
        { new FaultRequest(Fault.Delay, Value: -1), "between 0 and 2000" },
        { new FaultRequest(Fault.Split, Value: 3), "takes no value" },
        { new FaultRequest(Fault.Restart, "n1"), "only a crashed node can restart" },
        { new FaultRequest(Fault.Resume, "n2"), "not paused" },
        { new FaultRequest(Fault.Crash, ClientNode.ClientId), "cannot be aimed at Client" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void InjectFault_BadRequest_ThrowsHelpfulMessageAndChangesNothing(FaultRequest request, string expected)
    {
        var cluster = Create(seed: 1);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        var recording = cluster.ToRecording().ToJson();
        var logged = cluster.Log.LastSequence;

        var error = Assert.Throws<SimulationInputException>(() => cluster.InjectFault(request));

        Assert.Contains(expected, error.Message);
        Assert.Equal(recording, cluster.ToRecording().ToJson());
        Assert.Empty(cluster.Faults.Active);
        Assert.Equal(logged, cluster.Log.LastSequence);
    }

    [Fact]
    public void InjectFault_CrashLeaderWithoutLeader_RefusedAndChangesNothing()
    {
        var cluster = Create(seed: 1);
        Assert.Null(cluster.CurrentLeader);

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.CrashLeader));

        Assert.Contains("There is no leader to crash right now", error.Message);
        Assert.Empty(cluster.Inputs);
        Assert.Empty(cluster.Faults.Active);
        Assert.All(cluster.RaftNodes, n => Assert.True(n.IsUp));
    }

    [Theory]
    [InlineData(Fault.Crash, "already crashed")]
    [InlineData(Fault.Pause, "only a running node can pause")]
    [InlineData(Fault.ForceTimeout, "timers are stopped")]
    public void InjectFault_OnCrashedNode_Refused(string faultId, string expected)
    {
        var cluster = Create(seed: 2);
        Inject(cluster, Fault.Crash, "n1");
        var inputs = cluster.Inputs.Count;

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, faultId, "n1"));

        Assert.Contains(expected, error.Message);
        Assert.Equal(inputs, cluster.Inputs.Count);
        Assert.Single(cluster.Faults.Active);
    }

    [Fact]
    public void InjectFault_ForceTimeoutOnLeader_Refused()
    {
        var cluster = Create(seed: 2);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.ForceTimeout, cluster.Leader!.Id));

        Assert.Contains("runs no election timer", error.Message);
    }

    [Theory]
    [InlineData(Fault.Isolate, "already isolated")]
    [InlineData(Fault.OneWay, "already has a one-way")]
    [InlineData(Fault.Split, "already split")]
    [InlineData(Fault.BreakQuorum, "already on")]
    public void InjectFault_Twice_SecondRefused(string faultId, string expected)
    {
        var cluster = Create(seed: 3);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        string? target = faultId is Fault.Isolate or Fault.OneWay ? "n2" : null;
        Inject(cluster, faultId, target);

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, faultId, target));

        Assert.Contains(expected, error.Message);
        Assert.Single(cluster.Faults.Active);
    }

    [Fact]
    public void Restart_NodeCrashedByCrashLeader_ClearsThatFault()
    {
        var cluster = Create(seed: 4);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        var victim = cluster.Leader!;
        var crash = Inject(cluster, Fault.CrashLeader)!;
        Assert.Equal(Fault.CrashLeader, crash.FaultId);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.Crash, cluster.Leader!.Id);

        Assert.Null(Inject(cluster, Fault.Restart, victim.Id));

        Assert.True(victim.IsUp);
        Assert.Equal(Fault.Crash, Assert.Single(cluster.Faults.Active).FaultId);
        Assert.Contains(cluster.Log.All(), e => e.Text == "Cleared: Crash leader");
    }

    [Fact]
    public void Crash_PausedNode_PauseFaultEndsAndRestartBringsItUp()
    {
        var cluster = Create(seed: 5);
        Inject(cluster, Fault.Pause, "n3");

        Inject(cluster, Fault.Crash, "n3");

        Assert.Equal(Fault.Crash, Assert.Single(cluster.Faults.Active).FaultId);
        Inject(cluster, Fault.Restart, "n3");
        Assert.Empty(cluster.Faults.Active);
        Assert.True(cluster.Node("n3").IsUp);
    }

    [Fact]
    public void Heal_WithNetworkAndNodeFaults_ClearsOnlyNetworkFaults()
    {
        var cluster = Create(seed: 6);
        Inject(cluster, Fault.Isolate, "n1");
        Inject(cluster, Fault.OneWay, "n2");
        Inject(cluster, Fault.Split);
        Inject(cluster, Fault.Delay, value: 100);
        Inject(cluster, Fault.Loss, value: 50);
        Inject(cluster, Fault.Crash, "n4");
        Inject(cluster, Fault.BreakQuorum);
        Assert.Equal(TimeSpan.FromMilliseconds(110), cluster.Network.Conditions.BaseDelay);
        Assert.Equal(0.5, cluster.Network.Conditions.LossRate, 9);

        Assert.Null(Inject(cluster, Fault.Heal));

        Assert.Equal([Fault.Crash, Fault.BreakQuorum], cluster.Faults.Active.Select(f => f.FaultId));
        Assert.Equal(LinkConditions.Default.BaseDelay, cluster.Network.Conditions.BaseDelay);
        Assert.Equal(0, cluster.Network.Conditions.LossRate);
        Assert.All(cluster.CreateSnapshot().Links, l => Assert.Equal("up", l.State));
    }

    [Fact]
    public void ClearFault_OneOfTwoDelaysAndLosses_KeepsTheOther()
    {
        var cluster = Create(seed: 7);
        var delay = Inject(cluster, Fault.Delay, value: 100)!;
        Inject(cluster, Fault.Delay, value: 30);
        var loss = Inject(cluster, Fault.Loss, value: 50)!;
        Inject(cluster, Fault.Loss, value: 50);
        Assert.Equal(0.75, cluster.Network.Conditions.LossRate, 9);

        cluster.ClearFault(delay.Id);
        cluster.ClearFault(loss.Id);

        Assert.Equal(TimeSpan.FromMilliseconds(40), cluster.Network.Conditions.BaseDelay);
        Assert.Equal(0.5, cluster.Network.Conditions.LossRate, 9);
    }

    [Fact]
    public void Isolate_Cleared_AllLinksUpAgain()
    {
        var cluster = Create(seed: 8);
        var isolation = Inject(cluster, Fault.Isolate, "n2")!;
        var links = cluster.CreateSnapshot().Links;
        Assert.Equal(cluster.Nodes.Count - 1, links.Count(l => l.State == "down"));
        Assert.All(links.Where(l => l.State == "down"), l => Assert.True(l.From == "n2" || l.To == "n2"));

        cluster.ClearFault(isolation.Id);

        Assert.All(cluster.CreateSnapshot().Links, l => Assert.Equal("up", l.State));
    }
}
