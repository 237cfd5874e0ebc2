using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;
using static PatternDashboard.Simulation.Tests.Patterns.PubSub.PubSubTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.PubSub;

public sealed class PubSubClusterTests
{
    [Fact]
    public void Create_Defaults_BrokerTwoPublishersTwoSubscriptionsOfTwoConsumers()
    {
        var cluster = Create(seed: 1);

        Assert.Equal(["broker", "pub-1", "pub-2", "billing-1", "billing-2", "analytics-1", "analytics-2"], cluster.Nodes.Select(n => n.Id));
        Assert.Equal(["billing", "analytics"], cluster.Broker.Subscriptions.Select(s => s.Name));
        Assert.Equal([1, 3, 5], cluster.Publishers[0].Keys);
        Assert.Equal([2, 4, 6], cluster.Publishers[1].Keys);
    }

    [Fact]
    public void Details_InTheSnapshot_KeepTheBrokerNamesAndAddTheTopic()
    {
        var cluster = Create(seed: 3);
        cluster.RunFor(TimeSpan.FromSeconds(5));

        var snapshot = cluster.CreateSnapshot();
        var details = Assert.IsType<PubSubDetails>(snapshot.Details);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(snapshot.Details, Recording.JsonOptions);
        var broker = System.Text.Json.JsonSerializer.SerializeToElement(cluster.BrokerDetails(), Recording.JsonOptions);

        // Scripts and lessons read the broker's names (published, subscriptions.0.depth...): each is there, unchanged.
        foreach (var property in broker.EnumerateObject())
        {
            Assert.True(json.TryGetProperty(property.Name, out var value), $"details lost '{property.Name}'");
            Assert.Equal(property.Value.GetRawText(), value.GetRawText());
        }
        Assert.Equal(Topic, json.GetProperty("topic").GetString());
        Assert.Equal(SubscriptionNames.Count, details.MaxSubscriptions);
        Assert.Equal(MaxConsumersPerSubscription, details.MaxConsumersPerSubscription);
        Assert.True(details.Published > 0);
    }

    [Fact]
    public void Run_Healthy_EverySubscriptionAppliesEveryPublishedMessageOnce()
    {
        var cluster = Create(seed: 2);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.True(StopAndDrain(cluster, TimeSpan.FromSeconds(30)));

        Assert.InRange(cluster.Stats.Published, 190, 210);
        foreach (var store in cluster.Stores)
        {
            var stats = StatsOf(cluster, store.Subscription);
            Assert.Equal(cluster.Stats.Published, stats.UniqueEffects);
            Assert.Equal(0, stats.DuplicateEffects);
            Assert.Equal(cluster.Stats.Published, store.Records);
        }
        Assert.All(cluster.Subscribers, s => Assert.True(s.Processed > 20, $"{s.Label} processed only {s.Processed}: consumers should share the work."));
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void CrashConsumer_OnlyConsumerOfSubscription_BacklogGrowsThenDrainsAfterRestart()
    {
        var cluster = Create(seed: 3, new() { [Option.ConsumersPerSubscription] = 1 });
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var billing = cluster.Broker.Subscription("billing");
        Assert.True(billing.Depth < 5);

        var crash = Inject(cluster, LifecycleFaults.Crash, "billing-1")!;
        cluster.RunFor(TimeSpan.FromSeconds(10));
        int backlog = billing.Depth;
        Assert.InRange(backlog, 80, 110);
        Assert.True(cluster.Broker.Subscription("analytics").Depth < 5, "The other subscription must go on.");
        Assert.True(billing.Lag(cluster.Clock.Now) > TimeSpan.FromSeconds(8));

        cluster.ClearFault(crash.Id);
        // One consumer at about 16 messages/s against 5/s still arriving: about 10 s to catch up.
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.True(billing.Depth < 5, $"Backlog still {billing.Depth} after the restart.");
        Assert.Equal(0, StatsOf(cluster, "billing").Lost);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void SlowConsumer_LeasesExpire_RedeliveredDuplicatesAreSkipped()
    {
        var cluster = Create(seed: 4);
        Inject(cluster, MessagingCluster.BrokerFault.Slow, "billing-1", 20);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        var billing = StatsOf(cluster, "billing");
        Assert.True(billing.Redelivered > 0);
        Assert.True(billing.DuplicatesSkipped > 0);
        Assert.Equal(0, billing.DuplicateEffects);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void NonIdempotent_SlowConsumer_DuplicateEffectsCountedAndInvariantFails()
    {
        var cluster = Create(seed: 4);
        Inject(cluster, MessagingCluster.BrokerFault.NonIdempotent);
        Inject(cluster, MessagingCluster.BrokerFault.Slow, "billing-1", 20);
        cluster.RunFor(TimeSpan.FromSeconds(30));

        var billing = StatsOf(cluster, "billing");
        Assert.True(billing.DuplicateEffects > 0);
        Assert.Equal(billing.Effects - billing.UniqueEffects, billing.DuplicateEffects);
        var effects = Invariant(cluster, EffectsOnceMonitor.MonitorId);
        Assert.False(effects.Holds);
        Assert.Contains("applied twice", effects.LastViolation);
        Assert.Equal(billing.DuplicateEffects, cluster.Details().DuplicateEffects);
    }

    [Fact]
    public void Poison_RefusedEveryTime_DeadLetteredAfterMaxDeliveries()
    {
        var cluster = Create(seed: 5);
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Inject(cluster, Fault.Poison);
        cluster.RunFor(TimeSpan.FromSeconds(3));

        foreach (var subscription in cluster.Broker.Subscriptions)
        {
            var letter = Assert.Single(subscription.DeadLetters);
            Assert.True(letter.Poison);
            Assert.Equal(5, letter.Deliveries);
            Assert.Equal(1, StatsOf(cluster, subscription.Name).DeadLettered);
        }
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void ReplayDeadLetters_Poison_ComesBackAndIsDeadLetteredAgain()
    {
        var cluster = Create(seed: 6);
        Inject(cluster, Fault.Poison);
        cluster.RunFor(TimeSpan.FromSeconds(3));

        Inject(cluster, Fault.ReplayDeadLetters);
        Assert.All(cluster.Broker.Subscriptions, s => Assert.Empty(s.DeadLetters));
        cluster.RunFor(TimeSpan.FromSeconds(3));

        Assert.All(cluster.Broker.Subscriptions, s => Assert.Single(s.DeadLetters));
        Assert.Equal(2, StatsOf(cluster, "billing").DeadLettered);
    }

    [Fact]
    public void ReplayDeadLetters_NoneThere_RefusedAndNotRecorded()
    {
        var cluster = Create(seed: 7);

        var error = Assert.Throws<PatternDashboard.Simulation.Kernel.SimulationInputException>(() => Inject(cluster, Fault.ReplayDeadLetters));

        Assert.Contains("no dead letters", error.Message);
        Assert.Empty(cluster.Inputs);
    }
}
