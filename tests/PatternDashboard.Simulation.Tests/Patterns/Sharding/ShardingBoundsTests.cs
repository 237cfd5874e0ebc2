using PatternDashboard.Simulation.Patterns.Sharding;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sharding.ShardingTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Sharding;

/// <summary>What a long run keeps stays within the key space: shards, outboxes, the router's pending requests and the history.</summary>
public sealed class ShardingBoundsTests
{
    [Fact]
    public void LongRunWithShardChanges_HoldsNoMoreThanTheKeySpace()
    {
        var cluster = Create(8, new() { [Option.Replicas] = 1, [Option.OpsPerSecond] = 100 });
        for (int round = 0; round < 40; round++)
        {
            Inject(cluster, round % 2 == 0 ? Fault.AddShard : Fault.RemoveShard, round % 2 == 0 ? null : cluster.Members[round % cluster.Members.Count]);
            Assert.True(RunUntilSettled(cluster, TimeSpan.FromSeconds(20)));
            cluster.RunFor(TimeSpan.FromSeconds(30));
        }

        foreach (var strategy in Strategies)
        {
            Assert.Equal(cluster.KeyCount, cluster.Shards.Sum(s => s.KeysOwned(strategy)));
            Assert.All(cluster.Shards, s => Assert.InRange(s.CopiesKept(strategy), 0, cluster.KeyCount));
        }
        Assert.All(cluster.Shards, s => Assert.Equal(0, s.HandingOff));
        Assert.InRange(cluster.History.Count, 1, ShardingCluster.MaxRebalanceHistory);
        // At 100 requests per second, three stores, a quarter of a second of timeout: a few dozen at most.
        Assert.InRange(cluster.Router.PendingCount, 0, 3 * 100);
        Assert.Null(FirstViolation(cluster));
    }
}
