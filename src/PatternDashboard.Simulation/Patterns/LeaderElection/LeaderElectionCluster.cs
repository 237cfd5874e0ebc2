using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>
/// A Raft cluster running leader election over the simulated network, plus a client that writes to it.
/// Faults live in LeaderElectionFaults.cs, monitors in LeaderElectionInvariants.cs.
/// </summary>
public sealed partial class LeaderElectionCluster : SimulationBase
{
    private readonly List<RaftNode> raftNodes = [];
    private readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);
    private readonly LeadershipTimeline timeline = new();
    private readonly MetricSeries termSeries;
    private readonly MetricSeries leadersSeries;
    private readonly MetricSeries acceptedSeries;
    private readonly MetricSeries rejectedSeries;
    private readonly MetricSeries leaderlessSeries;
    // Write counts at the last few samples, so the per-second rates average over a whole second.
    private readonly Queue<(long Accepted, long Rejected)> recentCounts = new();

    public LeaderElectionCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(LeaderElectionPattern.Descriptor, seed, PatternOptions.Resolve(LeaderElectionPattern.Options, options))
    {
        Settings = LeaderElectionSettings.From(Options);
        Network.Conditions = new LinkConditions(Settings.NetworkDelay, Settings.NetworkDelay / 2);
        var ids = Enumerable.Range(1, Settings.NodeCount).Select(i => $"n{i}").ToArray();
        foreach (var id in ids)
        {
            var node = new RaftNode(this, id, $"Node {id[1..]}", [.. ids.Where(other => other != id)]);
            raftNodes.Add(node);
            labels[id] = node.Label;
            AddNode(node);
        }
        Client = new ClientNode(this, ids);
        labels[Client.Id] = Client.Label;
        AddNode(Client);
        Invariants.Add(new ElectionSafetyMonitor(raftNodes));
        Invariants.Add(new LeaderLivenessMonitor(this));
        termSeries = AddSeries(Metric.Term, "");
        leadersSeries = AddSeries(Metric.Leaders, "nodes");
        acceptedSeries = AddSeries(Metric.WritesAccepted, "per s");
        rejectedSeries = AddSeries(Metric.WritesRejected, "per s");
        leaderlessSeries = AddSeries(Metric.TimeWithoutLeader, "s");
        Scheduler.EventExecuted += ObserveLeadership;
        Start();
    }

    public LeaderElectionSettings Settings { get; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => LeaderElectionPattern.Faults;

    /// <summary>The cluster's members, without the client.</summary>
    public IReadOnlyList<RaftNode> RaftNodes => raftNodes;

    public ClientNode Client { get; }

    /// <summary>True while the "any two votes win" switch is on.</summary>
    public bool BreakQuorum { get; private set; }

    /// <summary>Votes a candidate needs to win.</summary>
    /// <remarks>With the switch on, two votes win; in a 3-node cluster two votes are already a majority, so one does.</remarks>
    public int VotesNeeded => BreakQuorum ? Math.Min(2, Settings.Majority - 1) : Settings.Majority;

    public long HighestTerm => raftNodes.Max(n => n.CurrentTerm);

    /// <summary>
    /// The live leader: an up leader that a majority of the cluster (itself included) follows in its term.
    /// A leader stranded in a minority, or paused, still believes it leads but is not live.
    /// </summary>
    public RaftNode? Leader
    {
        get
        {
            RaftNode? best = null;
            foreach (var node in raftNodes)
            {
                if (node.IsUp && node.Role == RaftRole.Leader && FollowerCount(node) + 1 >= Settings.Majority
                    && (best is null || node.CurrentTerm > best.CurrentTerm))
                {
                    best = node;
                }
            }
            return best;
        }
    }

    /// <summary>The leader "crash leader" aims at and a split strands: the live leader, else the up node that believes it leads in the highest term.</summary>
    public RaftNode? CurrentLeader =>
        Leader ?? raftNodes.Where(n => n.IsUp && n.Role == RaftRole.Leader).MaxBy(n => n.CurrentTerm);

    /// <summary>Nodes that currently believe they lead (paused ones included: they do not know they sleep).</summary>
    public int BelievedLeaders => raftNodes.Count(n => n.Role == RaftRole.Leader);

    /// <summary>No active fault, every node up, quorums intact: the conditions under which a leader must appear.</summary>
    public bool IsHealthy => Faults.Count == 0 && !BreakQuorum && raftNodes.TrueForAll(n => n.IsUp);

    public TimeSpan TimeWithoutLeader => timeline.TimeWithoutLeader(Clock.Now);

    public LeaderElectionDetails Details() => new(
        Leader?.Id, HighestTerm, timeline.Spans(), TimeWithoutLeader.TotalSeconds, Client.Accepted, Client.Rejected,
        BreakQuorum, Settings.ElectionTimeoutMin.TotalSeconds, Settings.ElectionTimeoutMax.TotalSeconds);

    internal string LabelOf(string id) => labels.GetValueOrDefault(id, id);

    internal void ReignBegan(RaftNode leader) => timeline.Began(leader.CurrentTerm, leader.Id, Clock.Now);

    internal void ReignEnded(RaftNode leader) => timeline.Ended(leader.CurrentTerm, leader.Id, Clock.Now);

    protected override object? DescribeDetails() => Details();

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        if (node is not RaftNode raft)
        {
            return new NodeView(node.Id, node.Label, ClientState, node.IsUp, lifecycle, new Dictionary<string, object?>
            {
                [Property.Sent] = Client.Sent,
                [Property.Accepted] = Client.Accepted,
                [Property.Rejected] = Client.Rejected,
                [Property.TimedOut] = Client.TimedOut,
                [Property.Pending] = Client.Pending,
                [Property.KnownLeader] = Client.KnownLeader,
            });
        }
        string role = raft.Role.ToString().ToLowerInvariant();
        return new NodeView(raft.Id, raft.Label, raft.IsUp ? role : lifecycle, raft.IsUp, lifecycle, new Dictionary<string, object?>
        {
            [Property.Term] = raft.CurrentTerm,
            [Property.VotedFor] = raft.VotedFor,
            [Property.Role] = role,
            [Property.Votes] = raft.Role == RaftRole.Follower ? 0 : raft.VotesReceived,
            [Property.VotesNeeded] = VotesNeeded,
            [Property.KnownLeader] = raft.KnownLeader,
            [Property.ElectionTimer] = raft.ElectionTimerProgress,
            [Property.ElectionTimeoutMs] = raft.ElectionTimeout.TotalMilliseconds,
        });
    }

    protected override void SampleMetrics()
    {
        Record(termSeries, HighestTerm);
        Record(leadersSeries, BelievedLeaders);
        recentCounts.Enqueue((Client.Accepted, Client.Rejected));
        var window = SampleInterval * (recentCounts.Count - 1);
        var (oldAccepted, oldRejected) = recentCounts.Peek();
        Record(acceptedSeries, window > TimeSpan.Zero ? (Client.Accepted - oldAccepted) / window.TotalSeconds : 0);
        Record(rejectedSeries, window > TimeSpan.Zero ? (Client.Rejected - oldRejected) / window.TotalSeconds : 0);
        if (window >= TimeSpan.FromSeconds(1))
        {
            recentCounts.Dequeue();
        }
        Record(leaderlessSeries, TimeWithoutLeader.TotalSeconds);
    }

    private int FollowerCount(RaftNode leader)
    {
        int count = 0;
        foreach (var node in raftNodes)
        {
            if (node != leader && node.IsUp && node.Role == RaftRole.Follower && node.CurrentTerm == leader.CurrentTerm
                && (node.KnownLeader == leader.Id || node.VotedFor == leader.Id))
            {
                count++;
            }
        }
        return count;
    }

    // Runs after every event and every fault, so leaderless time is exact to the event.
    private void ObserveLeadership() => timeline.Observe(Clock.Now, Leader is not null);
}
