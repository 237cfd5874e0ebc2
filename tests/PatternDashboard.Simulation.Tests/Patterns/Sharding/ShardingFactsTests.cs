using PatternDashboard.Simulation.Patterns.Sharding;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sharding.ShardingTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Sharding;

/// <summary>The numbers the pattern is known for, measured over many seeds (each seed lays the keys out afresh).</summary>
public sealed class ShardingFactsTests
{
    private const int SeedCount = 30;

    [Fact]
    public void AddShard_FourToFive_ModuloMovesAboutEightyPercentAndTheRingAboutOneFifth()
    {
        var modulo = new List<double>();
        var ring = new List<double>();
        foreach (long seed in Seeds(SeedCount))
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(1));
            Inject(cluster, Fault.AddShard);
            var record = cluster.History[^1];
            modulo.Add(record.MoveOf(Strategy.Modulo)!.Share);
            ring.Add(record.MoveOf(Strategy.Ring)!.Share);
            Assert.Equal(0, record.MoveOf(Strategy.Ring)!.Needless);
            Assert.Equal(0, record.MoveOf(Strategy.Range)!.Needless);
            Assert.InRange(record.MoveOf(Strategy.Modulo)!.Share, 0.74, 0.86);
            Assert.Equal(0.8, record.MoveOf(Strategy.Modulo)!.ExpectedShare);
            Assert.Equal(0.2, record.MoveOf(Strategy.Ring)!.ExpectedShare);
        }
        Assert.InRange(modulo.Average(), 0.78, 0.82);
        Assert.InRange(ring.Average(), 0.2 - 0.03, 0.2 + 0.03);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void AddShard_FromN_RingMovesAboutOneOverNPlusOne(int shards)
    {
        double expected = 1.0 / (shards + 1);
        var shares = Seeds(SeedCount).Select(seed =>
        {
            var cluster = Create(seed, new() { [Option.Shards] = shards });
            Inject(cluster, Fault.AddShard);
            return cluster.History[^1].MoveOf(Strategy.Ring)!.Share;
        }).ToList();

        Assert.InRange(shares.Average(), expected * 0.85, expected * 1.15);
    }

    [Fact]
    public void MoreVirtualNodes_EvenOutTheRing_SpreadFallsAsOneOverRootV()
    {
        // The spread of the shards' ring shares, over seeds, for 4 and 256 points per shard: sqrt(256/4) = 8 times less.
        double SpreadAt(int points) => Seeds(SeedCount).Average(seed =>
        {
            var cluster = Create(seed, new() { [Option.VirtualNodes] = points });
            var ring = (RingMap)cluster.Router.MapOf(Strategy.Ring);
            return Spread([.. ring.Members.Select(ring.ShareOf)]);
        });
        double few = SpreadAt(4), many = SpreadAt(256);

        Assert.InRange(few / many, 5.5, 11);
    }

    [Fact]
    public void MoreVirtualNodes_EvenOutTheKeysPerShard()
    {
        double KeySpread(int points) => Seeds(SeedCount).Average(seed =>
        {
            var cluster = Create(seed, new() { [Option.VirtualNodes] = points, [Option.Keys] = 5000 });
            return Spread([.. cluster.Members.Select(m => (double)cluster.Shard(m).KeysOwned(Strategy.Ring))]);
        });
        double one = KeySpread(1), sixteen = KeySpread(16), many = KeySpread(256);

        Assert.True(one > sixteen && sixteen > many, $"spread {one:F3} (V=1), {sixteen:F3} (V=16), {many:F3} (V=256)");
        Assert.InRange(one / sixteen, 2.5, 6);
    }

    [Fact]
    public void HotKey_LoadsOneShard_OnEveryStrategy()
    {
        foreach (long seed in Seeds(10))
        {
            var cluster = Create(seed);
            Inject(cluster, Fault.HotKey, value: 60);
            cluster.RunFor(TimeSpan.FromSeconds(8));
            int hot = cluster.Settings.HotKey;
            foreach (var strategy in Strategies)
            {
                var view = View(cluster, strategy);
                var hottest = view.Shards.MaxBy(c => c.Load)!;
                Assert.Equal(cluster.Router.MapOf(strategy).OwnerOf(hot), hottest.ShardId);
                Assert.True(view.HottestShare > 0.55, $"seed {seed} {strategy}: the hottest shard has {view.HottestShare:P0} of the load.");
            }
        }
    }

    [Fact]
    public void SequentialKeys_LandOnOneRange_WhileHashesSpreadThem()
    {
        foreach (long seed in Seeds(10))
        {
            var cluster = Create(seed);
            Inject(cluster, Fault.SequentialKeys);
            cluster.RunFor(TimeSpan.FromSeconds(8));

            Assert.True(View(cluster, Strategy.Range).HottestShare > 0.6, $"seed {seed}: range {View(cluster, Strategy.Range).HottestShare:P0}");
            Assert.True(View(cluster, Strategy.Modulo).HottestShare < 0.45, $"seed {seed}: modulo {View(cluster, Strategy.Modulo).HottestShare:P0}");
        }
    }
}
