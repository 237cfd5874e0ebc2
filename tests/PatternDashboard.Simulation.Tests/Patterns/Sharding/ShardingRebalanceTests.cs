using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Sharding;
using PatternDashboard.Simulation.Tests.Contract;
using PatternDashboard.Simulation.Tests.TestSupport;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sharding.ShardingTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Sharding;

/// <summary>Rebalances move real data over the network: every key ends on the shard its map names, none lost, under crashes too.</summary>
public sealed class ShardingRebalanceTests
{
    [Fact]
    public void AddShard_KeysTravelToTheNewShard_AndEachEndsWhereTheMapSays()
    {
        var cluster = Create(3);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        long handoffsBefore = cluster.Network.Stats.Sent;
        Inject(cluster, Fault.AddShard);

        Assert.True(cluster.Router.IsRebalancing());
        Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(10)));
        Assert.True(cluster.Network.Stats.Sent > handoffsBefore);
        foreach (var strategy in Strategies)
        {
            var map = cluster.Router.MapOf(strategy);
            foreach (var shard in cluster.Shards)
            {
                int expected = Enumerable.Range(0, cluster.KeyCount).Count(k => map.OwnerOf(k) == shard.Id);
                Assert.Equal(expected, shard.KeysOwned(strategy));
            }
            Assert.Equal(cluster.KeyCount, View(cluster, strategy).TotalKeys);
        }
        Assert.True(cluster.Shard(ShardId(5)).KeysOwned(Strategy.Ring) > 0);
        Assert.Null(FirstViolation(cluster));
    }

    [Fact]
    public void RemoveShard_ItHandsOffEveryKey_ThenStandsBy()
    {
        var cluster = Create(4);
        Inject(cluster, Fault.RemoveShard, ShardId(2));
        Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(10)));

        var removed = cluster.Shard(ShardId(2));
        Assert.All(Strategies, s => Assert.Equal(0, removed.KeysOwned(s)));
        Assert.Equal(ShardingPattern.State.Spare, cluster.CreateSnapshot().Nodes.Single(n => n.Id == removed.Id).State);
        Assert.Equal(3, cluster.Members.Count);
        var record = cluster.History[^1];
        Assert.Equal(0, record.MoveOf(Strategy.Ring)!.Needless);
        Assert.Equal(0, record.MoveOf(Strategy.Range)!.Needless);
        Assert.Null(FirstViolation(cluster));
    }

    [Theory]
    [MemberData(nameof(SeedRows))]
    public void CrashDuringRebalance_TheMoveWaits_AndFinishesAfterRestart_WithNoKeyLost(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        Inject(cluster, Fault.AddShard);
        cluster.RunFor(TimeSpan.FromMilliseconds(3));
        Inject(cluster, LifecycleFaults.Crash, ShardId(5));
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.True(cluster.Router.IsRebalancing(), "the new shard is down: its keys wait in their old owners' outboxes");
        Assert.Null(FirstViolation(cluster));

        Inject(cluster, LifecycleFaults.Restart, ShardId(5));
        Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(10)));
        Assert.All(Strategies, s => Assert.Equal(cluster.KeyCount, cluster.Shards.Sum(shard => shard.KeysOwned(s))));
        Assert.Null(FirstViolation(cluster));
    }

    [Fact]
    public void CrashedShard_ItsKeysAreUnavailable_WithoutReplicas()
    {
        var cluster = Create(5);
        Inject(cluster, LifecycleFaults.Crash, ShardId(1));
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.All(Strategies, s => Assert.True(View(cluster, s).Unavailable > 0));
        Assert.All(Strategies, s => Assert.Equal(0, View(cluster, s).FromReplica));
    }

    [Fact]
    public void CrashedShard_WithReplicas_ItsKeysAreReadFromTheReplica()
    {
        var cluster = Create(5, new() { [Option.Replicas] = 1, [Option.WritePercent] = 0 });
        Inject(cluster, LifecycleFaults.Crash, ShardId(1));
        cluster.RunFor(TimeSpan.FromSeconds(10));

        foreach (var strategy in Strategies)
        {
            var view = View(cluster, strategy);
            Assert.True(view.FromReplica > 0, $"{strategy}: no read served by a replica");
            Assert.Equal(0, view.Unavailable);
        }
    }

    [Fact]
    public void BreakIt_ModuloPlacement_AddShardMovesMostRingKeys_AndUndoingPutsTheRingBack()
    {
        var cluster = Create(6);
        Inject(cluster, Fault.ModuloPlacement);
        Inject(cluster, Fault.AddShard);
        var move = cluster.History[^1].MoveOf(Strategy.Ring)!;

        Assert.InRange(move.Share, 0.7, 0.9);
        Assert.Equal(0.2, move.ExpectedShare); // what the ring promised
        Assert.True(move.Needless > 0);
        Assert.False(cluster.Invariants.Views().Single(v => v.Id == FairMovesMonitor.MonitorId).Holds);
        Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(10)));

        cluster.ClearFault(cluster.Faults.Active.Single(f => f.FaultId == Fault.ModuloPlacement).Id);
        Assert.IsType<RingMap>(cluster.Router.MapOf(Strategy.Ring));
        Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(10)));
        Assert.True(cluster.Invariants.Views().Single(v => v.Id == FairMovesMonitor.MonitorId).Holds);
        Assert.Equal(1, cluster.Invariants.Views().Count(v => v.Violations > 0));
    }

    [Theory]
    [MemberData(nameof(SeedRows))]
    public void RandomShardChangesAndFaults_EveryKeyStaysOwnedOnce_AndNoneIsLost(long seed)
    {
        var cluster = Create(seed, new() { [Option.Replicas] = seed % 2 });
        var chaos = new SeededRandom(seed).Derive("sharding-inputs");
        string[] choices = [Fault.AddShard, Fault.RemoveShard, Fault.RemoveShard, LifecycleFaults.Crash, LifecycleFaults.Restart,
            LifecycleFaults.Pause, LifecycleFaults.Resume, "loss", "delay", Fault.HotKey, RandomInputs.Clear];
        string[] shards = [.. Enumerable.Range(1, MaxShards).Select(ShardId)];
        for (int i = 0; i < 80; i++)
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)));
            RandomInputs.TryApply(cluster, chaos, choices, shards, skew: 2);
        }
        ContractRuns.ClearAll(cluster);
        Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(30)), $"seed {seed}: still rebalancing");

        Assert.Null(FirstViolation(cluster));
        Assert.All(Strategies, s => Assert.Equal(cluster.KeyCount, View(cluster, s).TotalKeys));
        Assert.All(Strategies, s => Assert.Equal(cluster.KeyCount, cluster.Shards.Sum(shard => shard.KeysOwned(s))));
        Assert.True(cluster.History.Count > 0, $"seed {seed}: no shard change happened");
    }

    public static TheoryData<long> SeedRows() => [.. Seeds(20)];
}
