using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Simulation.Tests.TestSupport;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;
using static PatternDashboard.Simulation.Tests.Patterns.PubSub.PubSubTestSupport;


namespace PatternDashboard.Simulation.Tests.Patterns.PubSub;

/// <summary>Seeded property tests: each seed picks its own faults, targets and times; a failing seed replays exactly.</summary>
public sealed class PubSubPropertyTests
{
    // Repairs are listed more than once so the cluster spends time running, where messages move and can go wrong.
    private static readonly string[] RandomFaults =
    [
        LifecycleFaults.Crash, LifecycleFaults.Restart, LifecycleFaults.Pause, LifecycleFaults.Resume, MessagingCluster.BrokerFault.Slow,
        NetworkFaults.LinkLoss, NetworkFaults.Delay, NetworkFaults.Duplicate, Fault.Poison,
        RandomInputs.Clear, RandomInputs.Clear, RandomInputs.Clear, LifecycleFaults.Restart, LifecycleFaults.Resume,
    ];

    public static IEnumerable<object[]> PropertySeeds => Seeds(200, first: 20_000);

    [Theory]
    [MemberData(nameof(PropertySeeds))]
    public void RandomCrashesDropsDuplicates_PersistentIdempotent_EveryAcknowledgedPublishTakesEffectOnceOrIsDeadLettered(long seed)
    {
        var cluster = Create(seed, RandomShape(seed));
        var chaos = new SeededRandom(seed).Derive("test-faults");
        int applied = 0;
        while (cluster.Clock.Now < TimeSpan.FromSeconds(20))
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(1500)));
            applied += TryRandomInput(cluster, chaos) ? 1 : 0;
        }
        Assert.True(applied > 5, $"Seed {seed}: only {applied} faults applied.");

        foreach (var fault in cluster.Faults.Active.ToList())
        {
            cluster.ClearFault(fault.Id);
        }
        Assert.True(cluster.IsHealthy, $"Seed {seed}: clearing every fault left a node down.");
        Assert.True(StopAndDrain(cluster, TimeSpan.FromSeconds(120)), $"Seed {seed}: backlog {cluster.Backlog} did not drain.");

        foreach (var view in cluster.Invariants.Views())
        {
            Assert.True(view.Violations == 0, $"Seed {seed}: {view.Id}: {view.LastViolation}");
        }
        Assert.True(cluster.Publishers.All(p => p.OutboxCount == 0), $"Seed {seed}: a publisher still waits for acknowledgements.");
        Assert.True(cluster.Ledger.Outstanding == 0, $"Seed {seed}: {cluster.Ledger.Outstanding} acknowledged messages neither processed nor dead-lettered.");
        foreach (var stats in cluster.Stats.Subscriptions)
        {
            Assert.True(stats.UniqueEffects + stats.DeadLettered >= cluster.Stats.Published,
                $"Seed {seed}: {stats.Name} applied {stats.UniqueEffects} and dead-lettered {stats.DeadLettered} of {cluster.Stats.Published}.");
            Assert.True(stats.DuplicateEffects == 0 && stats.OutOfOrder == 0, $"Seed {seed}: {stats.Name} duplicates {stats.DuplicateEffects}, out of order {stats.OutOfOrder}.");
        }
    }

    [Theory]
    [MemberData(nameof(PropertySeeds))]
    public void RandomFaults_NonIdempotent_EffectsMonitorRedExactlyWhenSomethingAppliedTwice(long seed)
    {
        var cluster = Create(seed, RandomShape(seed));
        Inject(cluster, MessagingCluster.BrokerFault.NonIdempotent);
        Inject(cluster, NetworkFaults.Duplicate, value: 10);
        var chaos = new SeededRandom(seed).Derive("test-faults");
        while (cluster.Clock.Now < TimeSpan.FromSeconds(15))
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(1500)));
            TryRandomInput(cluster, chaos, keep: [MessagingCluster.BrokerFault.NonIdempotent, NetworkFaults.Duplicate]);
        }

        long twice = cluster.Stats.Sum(s => s.DuplicateEffects);
        var effects = Invariant(cluster, EffectsOnceMonitor.MonitorId);
        Assert.True(twice > 0, $"Seed {seed}: 10% duplicated messages for 15 s applied nothing twice.");
        Assert.True(effects.Violations > 0, $"Seed {seed}: {twice} effects applied twice, but the monitor never turned red.");
    }

    [Fact]
    public void PausedConsumer_NonIdempotent_StaleCopyAppliedOutOfOrderAndCaught()
    {
        var caught = new List<long>();
        for (long seed = 1; seed <= 20; seed++)
        {
            var cluster = Create(seed, new() { [Option.MaxDeliveries] = 1, [Option.PartitionKeys] = 2 });
            Inject(cluster, MessagingCluster.BrokerFault.NonIdempotent);
            cluster.RunFor(TimeSpan.FromSeconds(1));
            // A paused consumer keeps its copies; the broker gives up on them and moves on to later messages of the same keys.
            var pause = Inject(cluster, LifecycleFaults.Pause, "billing-1")!;
            cluster.RunFor(TimeSpan.FromSeconds(3));
            cluster.ClearFault(pause.Id);
            cluster.RunFor(TimeSpan.FromSeconds(1));

            var order = Invariant(cluster, KeyOrderMonitor.MonitorId);
            Assert.True(order.Holds == (StatsOf(cluster, "billing").OutOfOrder == 0), $"Seed {seed}: monitor and counter disagree.");
            if (!order.Holds)
            {
                Assert.Contains("after a later message of the same key", order.LastViolation);
                caught.Add(seed);
            }
        }
        Assert.True(caught.Count >= 10, $"Only {caught.Count} of 20 seeds applied a stale copy.");
    }

    [Fact]
    public void PausedConsumer_Idempotent_StaleCopySkipped()
    {
        var cluster = Create(seed: 1, new() { [Option.MaxDeliveries] = 1, [Option.PartitionKeys] = 2 });
        cluster.RunFor(TimeSpan.FromSeconds(1));
        var pause = Inject(cluster, LifecycleFaults.Pause, "billing-1")!;
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.ClearFault(pause.Id);
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(0, StatsOf(cluster, "billing").OutOfOrder);
        Assert.True(StatsOf(cluster, "billing").DuplicatesSkipped > 0);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void RandomBrokerCrashes_PersistenceOff_LossesAreCaughtAndCounted()
    {
        int seedsWithLoss = 0;
        for (long seed = 1; seed <= 20; seed++)
        {
            var cluster = Create(seed);
            Inject(cluster, MessagingCluster.BrokerFault.PersistenceOff);
            Inject(cluster, MessagingCluster.BrokerFault.Slow, "billing-1", 30);
            var chaos = new SeededRandom(seed).Derive("test-crash");
            cluster.RunFor(chaos.NextTime(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)));
            int held = cluster.Broker.Subscriptions.Sum(s => s.Depth + s.DeadLetters.Count);
            Inject(cluster, LifecycleFaults.Crash, BrokerNode.BrokerId);
            cluster.RunFor(TimeSpan.FromSeconds(1));

            Assert.True(cluster.Details().Lost == held, $"Seed {seed}: {held} held, {cluster.Details().Lost} counted lost.");
            bool red = !Invariant(cluster, AcknowledgedPublishMonitor.MonitorId).Holds;
            Assert.True(red == cluster.Ledger.LostAcknowledged > 0, $"Seed {seed}: monitor red {red}, losses {cluster.Ledger.LostAcknowledged}.");
            seedsWithLoss += red ? 1 : 0;
        }
        Assert.True(seedsWithLoss >= 18, $"Only {seedsWithLoss} of 20 crashes lost acknowledged messages.");
    }

    /// <summary>Each seed runs its own cluster shape, within ranges where default pace keeps up.</summary>
    private static Dictionary<string, double> RandomShape(long seed)
    {
        var shape = new SeededRandom(seed).Derive("test-shape");
        int publishers = shape.Next(1, 4);
        return new()
        {
            [Option.Publishers] = publishers,
            [Option.PartitionKeys] = shape.Next(publishers, 9),
            [Option.Subscriptions] = shape.Next(1, 4),
            [Option.ConsumersPerSubscription] = shape.Next(1, 4),
            [Option.MaxDeliveries] = shape.Next(3, 8),
            [Option.Prefetch] = shape.Next(1, 6),
        };
    }

    private static bool TryRandomInput(PubSubCluster cluster, SeededRandom chaos, string[]? keep = null) =>
        RandomInputs.TryApply(cluster, chaos, RandomFaults, [.. cluster.Nodes.Select(n => n.Id)], skew: 2, keep);
}
