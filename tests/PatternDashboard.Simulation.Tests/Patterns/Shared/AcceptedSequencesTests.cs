using PatternDashboard.Simulation.Patterns.Saga;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.Saga.SagaPattern;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared;

public sealed class AcceptedSequencesTests
{
    [Fact]
    public void Accept_SameKeyAgain_RemembersTheLatestSequence()
    {
        var accepted = new AcceptedSequences();

        accepted.Accept("orders", 7, 1);
        accepted.Accept("orders", 7, 2);

        Assert.Equal(2, accepted.Highest("orders", 7));
        Assert.Equal(0, accepted.Highest("payments", 7));
        Assert.Equal(1, accepted.Count);
    }

    [Fact]
    public void Accept_MoreKeysThanCapacity_ForgetsTheLeastRecentlyAccepted()
    {
        var accepted = new AcceptedSequences();
        accepted.Accept("t", 0, 5);
        for (int key = 1; key < AcceptedSequences.Capacity; key++)
        {
            accepted.Accept("t", key, 1);
        }
        // Key 0 accepted again: now key 1 is the oldest.
        accepted.Accept("t", 0, 6);

        accepted.Accept("t", AcceptedSequences.Capacity, 1);

        Assert.Equal(AcceptedSequences.Capacity, accepted.Count);
        Assert.Equal(6, accepted.Highest("t", 0));
        Assert.Equal(0, accepted.Highest("t", 1));
        Assert.Equal(1, accepted.Highest("t", AcceptedSequences.Capacity));
    }

    [Fact]
    public void LongChoreographedRun_BrokerRemembersAtMostCapacityKeys()
    {
        // Every choreographed saga publishes under a key of its own: a long run must not grow the broker's record.
        var cluster = new SagaCluster(3, new Dictionary<string, double> { [Option.Styles] = ChoreographyOnly, [Option.OrderRate] = 20 });

        cluster.RunFor(TimeSpan.FromSeconds(AcceptedSequences.Capacity / 20.0 * 1.5));

        Assert.True(cluster.Shop.Placed > AcceptedSequences.Capacity, $"only {cluster.Shop.Placed} orders placed");
        Assert.Equal(AcceptedSequences.Capacity, cluster.Broker.RememberedKeys);
        Assert.DoesNotContain(cluster.Invariants.Views(), v => v.Violations > 0);
    }
}
