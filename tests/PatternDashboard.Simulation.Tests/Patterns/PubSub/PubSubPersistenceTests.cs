using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;
using static PatternDashboard.Simulation.Tests.Patterns.PubSub.PubSubTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.PubSub;

/// <summary>What a broker crash keeps with persistence on, and loses (counted) with it off.</summary>
public sealed class PubSubPersistenceTests
{
    [Fact]
    public void BrokerCrash_PersistenceOn_NothingLostAndEveryMessageAppliedOnce()
    {
        var cluster = Create(seed: 21);
        Inject(cluster, MessagingCluster.BrokerFault.Slow, "billing-1", 10);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        int heldBefore = cluster.Broker.Subscriptions.Sum(s => s.Depth);
        Assert.True(heldBefore > 0);

        var crash = Inject(cluster, LifecycleFaults.Crash, BrokerNode_Id)!;
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Assert.Equal(heldBefore, cluster.Broker.Subscriptions.Sum(s => s.Depth));
        cluster.ClearFault(crash.Id);
        cluster.ClearFault(cluster.Faults.Active.Single().Id);
        Assert.True(StopAndDrain(cluster, TimeSpan.FromSeconds(60)));

        Assert.Equal(0, cluster.Details().Lost);
        Assert.Equal(0, cluster.Ledger.LostAcknowledged);
        foreach (var store in cluster.Stores)
        {
            Assert.Equal(cluster.Stats.Published, StatsOf(cluster, store.Subscription).UniqueEffects);
        }
        Assert.True(cluster.Invariants.AllHold, string.Join("; ", cluster.Invariants.Views().Select(v => v.LastViolation)));
    }

    [Fact]
    public void BrokerCrash_PersistenceOff_LosesWhatItHeldCountsItAndTheInvariantFails()
    {
        var cluster = Create(seed: 22);
        Inject(cluster, MessagingCluster.BrokerFault.PersistenceOff);
        // A stopped subscription builds a backlog the crash can lose.
        Inject(cluster, LifecycleFaults.Crash, "billing-1");
        Inject(cluster, LifecycleFaults.Crash, "billing-2");
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var held = cluster.Broker.Subscriptions.ToDictionary(s => s.Name, s => s.Depth + s.DeadLetters.Count);
        Assert.True(held["billing"] > 30);

        Inject(cluster, LifecycleFaults.Crash, BrokerNode_Id);
        cluster.RunFor(TimeSpan.FromSeconds(1));

        foreach (var (name, count) in held)
        {
            Assert.Equal(count, StatsOf(cluster, name).Lost);
        }
        Assert.Equal(held.Values.Sum(), cluster.Details().Lost);
        Assert.All(cluster.Broker.Subscriptions, s => Assert.Equal(0, s.Depth));
        var durability = Invariant(cluster, AcknowledgedPublishMonitor.MonitorId);
        Assert.False(durability.Holds);
        Assert.True(cluster.Ledger.LostAcknowledged >= held["billing"] - 5, $"{cluster.Ledger.LostAcknowledged} acknowledged losses found.");
        Assert.Contains(cluster.Log.All(), e => e.Kind == "loss" && e.Text.Contains($"lost {held.Values.Sum()} messages"));
    }

    [Fact]
    public void BrokerCrash_PersistenceOff_LaterMessagesStillFlow()
    {
        var cluster = Create(seed: 23);
        Inject(cluster, MessagingCluster.BrokerFault.PersistenceOff);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var crash = Inject(cluster, LifecycleFaults.Crash, BrokerNode_Id)!;
        cluster.RunFor(TimeSpan.FromSeconds(1));
        cluster.ClearFault(crash.Id);
        long appliedBefore = StatsOf(cluster, "billing").UniqueEffects;

        cluster.RunFor(TimeSpan.FromSeconds(5));

        Assert.True(StatsOf(cluster, "billing").UniqueEffects > appliedBefore + 30);
        Assert.True(cluster.Stats.PublishRetries > 0, "Publishes sent while the broker was down are retried.");
    }

    [Fact]
    public void QueueFull_PublishesRefusedAndRetried_NoAcknowledgedPublishLost()
    {
        var cluster = Create(seed: 24, new() { [Option.QueueCapacity] = 20, [Option.ConsumersPerSubscription] = 1 });
        var crash = Inject(cluster, LifecycleFaults.Crash, "billing-1")!;
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(20, cluster.Broker.Subscription("billing").Depth);
        Assert.True(cluster.Stats.RefusedFull > 0);
        Assert.True(cluster.Publishers.Sum(p => p.OutboxCount) > 50, "Refused messages wait in the publishers' outboxes.");

        cluster.ClearFault(crash.Id);
        Assert.True(StopAndDrain(cluster, TimeSpan.FromSeconds(60)));
        Assert.Equal(cluster.Stats.Produced, StatsOf(cluster, "billing").UniqueEffects);
        Assert.True(cluster.Invariants.AllHold);
    }

    private const string BrokerNode_Id = BrokerNode.BrokerId;
}
