using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.EventStore;

/// <summary>The store and a projector as nodes on the simulated network: messages, crashes and rebuilds.</summary>
public sealed class EventStoreNodeTests
{
    private sealed class Sum : IProjection<int>
    {
        public long Total { get; private set; }

        public int Count { get; private set; }

        public void Apply(StoredEvent<int> stored)
        {
            Total += stored.Data;
            Count++;
        }

        public void Reset() => (Total, Count) = (0, 0);
    }

    private sealed class Writer(SimulationBase simulation) : SimulationNode(simulation, "writer", "Writer")
    {
        public List<AppendReply> Replies { get; } = [];

        public void Append(string stream, long expected, int value) =>
            Send(EventStoreNode<int>.StoreId, new AppendRequest<int>(Replies.Count + 1000, stream, expected, [value], $"w:{value}"));

        protected override void OnMessage(string from, IMessage message)
        {
            if (message is AppendReply reply)
            {
                Replies.Add(reply);
            }
        }
    }

    private sealed class Harness : SimulationBase
    {
        private static readonly PatternDescriptor HarnessPattern = new("event-store-harness", "Harness", "", new PatternInfo("", "", [], [], []), [],
            (seed, _) => new Harness(seed));

        public Harness(long seed, TimeSpan applyTime = default) : base(HarnessPattern, seed, new Dictionary<string, double>())
        {
            Store = new EventStoreNode<int>(this, new EventStreamStore<int>());
            Writer = new Writer(this);
            Projector = new ProjectorNode<int>(this, "projector", "Projector", EventStoreNode<int>.StoreId, Projection, applyTime);
            AddNode(Store);
            AddNode(Writer);
            AddNode(Projector);
            Start();
        }

        public EventStoreNode<int> Store { get; }

        public Writer Writer { get; }

        public Sum Projection { get; } = new();

        public ProjectorNode<int> Projector { get; }

        public override IReadOnlyList<FaultDefinition> FaultCatalog => [];

        protected override NodeView Describe(SimulationNode node) => new(node.Id, node.Label, "", node.IsUp, "up", new Dictionary<string, object?>());
    }

    [Fact]
    public void AppendsOverTheNetwork_SecondWriterAtTheSameVersionGetsAConflict()
    {
        var harness = new Harness(1);
        harness.Writer.Append("s", 0, 5);
        harness.Writer.Append("s", 0, 7);
        harness.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal([AppendOutcome.Written, AppendOutcome.Conflict], harness.Writer.Replies.Select(r => r.Result.Outcome).Order());
        Assert.Equal(1, harness.Store.Store.VersionOf("s"));
    }

    [Fact]
    public void Projector_ManySeeds_FollowsEveryEventOnceDespiteLossAndCrashes()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var harness = new Harness(seed);
            harness.Network.Conditions = new LinkConditions(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), LossRate: 0.2, DuplicateRate: 0.1);
            long expected = 0;
            for (int i = 1; i <= 200; i++)
            {
                harness.Store.Store.Append($"s{i % 7}", EventStreamStore<int>.AnyVersion, [i], $"c{i}", harness.Clock.Now);
                expected += i;
                if (i == 60)
                {
                    harness.Projector.Crash();
                }
                if (i == 90)
                {
                    harness.Projector.Restart();
                }
                if (i == 120)
                {
                    harness.Store.Crash();
                }
                if (i == 150)
                {
                    harness.Store.Restart();
                }
                harness.RunFor(TimeSpan.FromMilliseconds(50));
            }
            harness.RunFor(TimeSpan.FromSeconds(10));

            Assert.Equal(200, harness.Projection.Count);
            Assert.Equal(expected, harness.Projection.Total);
            Assert.Equal(200, harness.Projector.Checkpoint);
        }
    }

    [Fact]
    public void Projector_StopResetRebuild_ReportsProgressAndEndsWithTheSameModel()
    {
        var harness = new Harness(3);
        for (int i = 1; i <= 500; i++)
        {
            harness.Store.Store.Append("s", EventStreamStore<int>.AnyVersion, [i], $"c{i}", harness.Clock.Now);
        }
        harness.RunFor(TimeSpan.FromSeconds(5));
        long total = harness.Projection.Total;

        harness.Projector.StopFollowing();
        harness.Store.Store.Append("s", EventStreamStore<int>.AnyVersion, [1000], "late", harness.Clock.Now);
        harness.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(total, harness.Projection.Total); // stopped: behind
        Assert.Equal(500, harness.Projector.Checkpoint);

        harness.Projector.Rebuild();
        Assert.Equal(0, harness.Projection.Count);
        Assert.Equal(0, harness.Projector.RebuildProgress);
        harness.Projector.ResumeFollowing();
        harness.RunFor(TimeSpan.FromMilliseconds(45));
        Assert.InRange(harness.Projector.RebuildProgress, 0.01, 0.99);

        harness.RunFor(TimeSpan.FromSeconds(3));
        Assert.Null(harness.Projector.RebuildTarget);
        Assert.Equal(total + 1000, harness.Projection.Total);
        Assert.Equal(1, harness.Projector.Rebuilds);
    }

    [Fact]
    public void ApplyTime_BoundsThroughput_SoABurstShowsAsLag()
    {
        var harness = new Harness(2, TimeSpan.FromMilliseconds(10));
        for (int i = 1; i <= 300; i++)
        {
            harness.Store.Store.Append("s", EventStreamStore<int>.AnyVersion, [i], $"c{i}", harness.Clock.Now);
        }

        harness.RunFor(TimeSpan.FromSeconds(1));
        // 10 ms an event: about 100 a second, less the round trips between batches.
        Assert.InRange(harness.Projector.Checkpoint, 64, 100);
        harness.Projector.Crash(); // the batch being applied is lost, not half applied
        harness.Projector.Restart();
        harness.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(300, harness.Projector.Checkpoint);
        Assert.Equal(300, harness.Projection.Count);
        Assert.Equal(300L * 301 / 2, harness.Projection.Total);
    }

    [Fact]
    public void Subscription_WakesTheProjectorAtOnce_AndComesBackAfterAStoreCrash()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var harness = new Harness(seed);
            harness.RunFor(TimeSpan.FromSeconds(1));
            Assert.Contains("projector", harness.Store.Subscribers);

            harness.Writer.Append("s", 0, 5);
            // Append, wake-up, read and answer: four network hops, well inside one poll interval.
            harness.RunFor(TimeSpan.FromMilliseconds(150));
            Assert.Equal(1, harness.Projector.Checkpoint);

            harness.Store.Crash();
            Assert.Empty(harness.Store.Subscribers);
            harness.Store.Restart();
            harness.RunFor(TimeSpan.FromSeconds(2));
            Assert.Contains("projector", harness.Store.Subscribers);
        }
    }

    [Fact]
    public void CrashedStore_AnswersNothing()
    {
        var harness = new Harness(1);
        harness.Store.Crash();
        harness.Writer.Append("s", 0, 1);
        harness.RunFor(TimeSpan.FromSeconds(2));

        Assert.Empty(harness.Writer.Replies);
        Assert.Equal(0, harness.Store.Store.HeadPosition);
    }
}
