using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class SharedHelperTests
{
    [Fact]
    public void EventBuffer_Append_KeepsOnlyTheNewestCapacityEvents()
    {
        var buffer = new EventBuffer(capacity: 3);

        buffer.Append([.. Enumerable.Range(1, 5).Select(i => Event(i, i, "n1", "vote", $"e{i}"))]);
        buffer.Append([Event(4, 4, "n1", "vote", "again")]);

        Assert.Equal([3L, 4, 5], buffer.Items.Select(e => e.Sequence));
        Assert.Equal(5, buffer.LastSequence);
    }

    [Fact]
    public async Task EventBuffer_CatchUp_AfterAReset_StartsAgainFromOne()
    {
        var session = new FakeSimulationSession("s", LeaderElection("s"));
        session.Events.AddRange([Event(1, 0.1, "n1", "a", "one"), Event(2, 0.2, "n1", "a", "two")]);
        var buffer = new EventBuffer();
        await buffer.CatchUpAsync(session, State(Snapshot(), lastEventSequence: 2));

        session.Events.Clear();
        session.Events.Add(Event(1, 0, null, "reset", "again"));
        await buffer.CatchUpAsync(session, State(Snapshot(), lastEventSequence: 1, generation: 1));

        Assert.Equal(["again"], buffer.Items.Select(e => e.Text));
        Assert.Equal([0L, 0L], session.EventRequests);
    }

    [Fact]
    public async Task EventBuffer_CatchUp_FarBehind_FetchesOnlyWhatItCanKeep()
    {
        var session = new FakeSimulationSession("s", LeaderElection("s"));
        session.Events.AddRange(Enumerable.Range(1, 50).Select(i => Event(i, i, null, "k", $"e{i}")));
        var buffer = new EventBuffer(capacity: 10);

        await buffer.CatchUpAsync(session, State(Snapshot(), lastEventSequence: 50));

        Assert.Equal([40L], session.EventRequests);
        Assert.Equal(Enumerable.Range(41, 10).Select(i => (long)i), buffer.Items.Select(e => e.Sequence));
    }

    [Fact]
    public void Downsample_LongSeries_AveragesIntoAtMostMaxPointsEndingAtTheLastTime()
    {
        var points = Enumerable.Range(0, 1000).Select(i => new MetricPoint(i, i)).ToArray();

        var drawn = Downsampler.Downsample(points, 200);

        Assert.Equal(200, drawn.Length);
        Assert.Equal(999, drawn[^1].Time);
        Assert.Equal(Enumerable.Range(0, 200).Select(k => new MetricPoint(5 * k + 4, 5 * k + 2)), drawn);
    }

    [Theory]
    [InlineData("crash", "Crash n2")]
    [InlineData("isolate", "Isolate n2")]
    [InlineData("one-way", "One-way link failure: n2")]
    public void NodeActions_LabelFor_NamesTheNode(string faultId, string expected) =>
        Assert.Equal(expected, NodeActions.LabelFor(LeaderElectionPattern.Faults.Single(f => f.Id == faultId), "n2"));

    [Fact]
    public void NodeActions_For_PausedNode_OffersResumeAndNotPause()
    {
        var paused = Raft("n4", "leader", 2, lifecycle: "paused");

        var labels = NodeActions.For(LeaderElectionPattern.Faults, paused, []).Select(a => a.Label).ToList();

        Assert.Contains("Resume n4", labels);
        Assert.DoesNotContain("Pause n4", labels);
        Assert.DoesNotContain("Restart n4", labels);
    }

    [Fact]
    public void NodeActions_For_FaultAlreadyActiveOnTheNode_IsNotOfferedAgain()
    {
        var node = Raft("n1", "follower", 1);

        var labels = NodeActions.For(LeaderElectionPattern.Faults, node, [new ActiveFault("f1", "isolate", "Isolate node: Node 1", "n1", null, 0)])
            .Select(a => a.Label).ToList();

        Assert.DoesNotContain("Isolate n1", labels);
        Assert.Contains("Crash n1", labels);
    }
}
