using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;
using static PatternDashboard.Simulation.Tests.Patterns.PubSub.PubSubTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.PubSub;

/// <summary>Actions a person takes while the cluster runs: recorded as instant faults so they replay.</summary>
public sealed class PubSubRuntimeActionTests
{
    [Fact]
    public void AddSubscription_Runtime_GetsOnlyMessagesPublishedAfterwards()
    {
        var cluster = Create(seed: 31);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        long publishedBefore = cluster.Stats.Published;

        Inject(cluster, Fault.AddSubscription);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.True(StopAndDrain(cluster, TimeSpan.FromSeconds(30)));

        Assert.Equal(["billing", "analytics", "audit"], cluster.Broker.Subscriptions.Select(s => s.Name));
        Assert.Contains(cluster.Nodes, n => n.Id == "audit-1");
        long audit = StatsOf(cluster, "audit").UniqueEffects;
        Assert.InRange(audit, cluster.Stats.Published - publishedBefore - 1, cluster.Stats.Published - publishedBefore);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void AddConsumer_Runtime_JoinsAndCompetesForTheQueue()
    {
        var cluster = Create(seed: 32, new() { [Option.ConsumersPerSubscription] = 1 });

        Inject(cluster, Fault.AddConsumer, value: 2);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        var added = cluster.Subscribers.Single(s => s.Id == "analytics-2");
        Assert.True(added.Processed > 10);
        Assert.True(cluster.Subscribers.Single(s => s.Id == "analytics-1").Processed > 10);
    }

    [Fact]
    public void AddConsumer_UnknownSubscription_RefusedWithTheChoices()
    {
        var cluster = Create(seed: 33);

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.AddConsumer, value: 4));

        Assert.Contains("1 = billing, 2 = analytics", error.Message);
        Assert.Empty(cluster.Inputs);
        Assert.Equal(7, cluster.Nodes.Count);
    }

    [Fact]
    public void PublishRate_Changed_PublishersFollowIt()
    {
        var cluster = Create(seed: 34);
        Inject(cluster, Fault.PublishRate, value: 50);
        long before = cluster.Stats.Produced;

        cluster.RunFor(TimeSpan.FromSeconds(4));

        Assert.InRange(cluster.Stats.Produced - before, 380, 402);
        Assert.Equal(100, cluster.Details().PublishRatePerSecond);
    }

    [Fact]
    public void Create_FewerKeysThanPublishers_RefusedWithAClearMessage()
    {
        var error = Assert.Throws<SimulationInputException>(() => Create(seed: 36, new() { [Option.Publishers] = 4, [Option.PartitionKeys] = 2 }));

        Assert.Contains("2 keys are too few for 4 publishers", error.Message);
    }

    [Fact]
    public void Slow_AimedAtPublisher_Refused()
    {
        var cluster = Create(seed: 35);

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, MessagingCluster.BrokerFault.Slow, "pub-1"));

        Assert.Contains("not a consumer", error.Message);
    }

    [Theory]
    [InlineData(41)]
    [InlineData(4242)]
    public void Replay_RecordingWithRuntimeActions_ReproducesTheRunExactly(long seed)
    {
        var original = Create(seed);
        original.RunFor(TimeSpan.FromSeconds(1));
        Inject(original, Fault.AddSubscription);
        Inject(original, Fault.Poison);
        Inject(original, MessagingCluster.BrokerFault.Slow, "billing-2", 15);
        original.RunFor(TimeSpan.FromSeconds(2));
        Inject(original, Fault.AddConsumer, value: 3);
        Inject(original, Fault.PublishRate, value: 30);
        var crash = Inject(original, LifecycleFaults.Crash, BrokerNode.BrokerId)!;
        original.RunFor(TimeSpan.FromSeconds(1));
        original.ClearFault(crash.Id);
        Inject(original, NetworkFaults.Duplicate, value: 20);
        original.RunFor(TimeSpan.FromSeconds(3));
        Inject(original, Fault.ReplayDeadLetters);
        original.RunFor(TimeSpan.FromSeconds(2));

        var json = original.ToRecording().ToJson();
        var replayed = (PubSubCluster)PatternCatalog.CreateRegistry().Replay(Recording.FromJson(json), original.Clock.Now);

        TestSupport.Runs.AssertSameRun(seed, original, replayed);
        Assert.Equal(original.Details(), replayed.Details(), new DetailsComparer());
    }

    /// <summary>Details hold lists, which records compare by reference; compare their JSON instead.</summary>
    private sealed class DetailsComparer : IEqualityComparer<PubSubDetails>
    {
        public bool Equals(PubSubDetails? x, PubSubDetails? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(PubSubDetails obj) => 0;
    }
}
