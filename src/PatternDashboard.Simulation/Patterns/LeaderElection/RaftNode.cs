using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>
/// A Raft server reduced to its election protocol (no log): terms, randomized election timeouts,
/// RequestVote with one vote per term, heartbeats, and step-down on any higher term.
/// </summary>
public sealed class RaftNode : SimulationNode
{
    private readonly LeaderElectionCluster cluster;
    private readonly IReadOnlyList<string> peers;
    private readonly HashSet<string> votes = new(StringComparer.Ordinal);
    // When each follower last acknowledged this leader.
    private readonly Dictionary<string, TimeSpan> lastAck = new(StringComparer.Ordinal);
    private NodeTimer? electionTimer;
    private NodeTimer? heartbeatTimer;
    private TimeSpan electionTimerStartedAt;
    // Terms gone by without hearing a leader: a long partition would otherwise flood the bounded log.
    private int termsWithoutLeader;

    internal RaftNode(LeaderElectionCluster cluster, string id, string label, IReadOnlyList<string> peers)
        : base(cluster, id, label)
    {
        this.cluster = cluster;
        this.peers = peers;
    }

    // Raft keeps the term and the vote on disk: a node that forgot its vote after a crash could vote twice in one term.
    public long CurrentTerm { get; private set; }

    public string? VotedFor { get; private set; }

    public RaftRole Role { get; private set; }

    /// <summary>The leader this node last heard from in its current term, used to redirect clients.</summary>
    public string? KnownLeader { get; private set; }

    /// <summary>Votes won in the current term (candidates and leaders).</summary>
    public int VotesReceived => votes.Count;

    /// <summary>The election timeout drawn for the running timer.</summary>
    public TimeSpan ElectionTimeout { get; private set; }

    /// <summary>The share of the current election timeout that has passed, 0 to 1; 0 for a leader or a crashed node.</summary>
    public double ElectionTimerProgress =>
        Role == RaftRole.Leader || electionTimer is null || Lifecycle == NodeLifecycle.Crashed || ElectionTimeout <= TimeSpan.Zero
            ? 0
            : Math.Clamp((Now - electionTimerStartedAt) / ElectionTimeout, 0, 1);

    public override void Start() => ResetElectionTimer();

    /// <summary>Makes the election timer fire now, as if the leader had gone quiet.</summary>
    internal void ForceElectionTimeout() => OnElectionTimeout();

    protected override void OnCrash()
    {
        var wasLeader = Role == RaftRole.Leader;
        Role = RaftRole.Follower;
        KnownLeader = null;
        termsWithoutLeader = 0;
        votes.Clear();
        lastAck.Clear();
        electionTimer = null;
        heartbeatTimer = null;
        if (wasLeader)
        {
            cluster.ReignEnded(this);
        }
    }

    protected override void OnRestart() => ResetElectionTimer();

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is IRaftMessage raft && raft.Term > CurrentTerm)
        {
            AdoptHigherTerm(raft.Term, from);
        }
        switch (message)
        {
            case VoteRequest request:
                HandleVoteRequest(from, request);
                break;
            case VoteReply reply:
                HandleVoteReply(from, reply);
                break;
            case Heartbeat heartbeat:
                HandleHeartbeat(from, heartbeat);
                break;
            case HeartbeatAck ack:
                if (Role == RaftRole.Leader && ack.Term == CurrentTerm && ack.Success)
                {
                    lastAck[from] = Now;
                }
                break;
            case WriteRequest write:
                HandleWrite(from, write);
                break;
        }
    }

    private void HandleVoteRequest(string from, VoteRequest request)
    {
        bool grant = request.Term == CurrentTerm && (VotedFor is null || VotedFor == from);
        if (grant && VotedFor is null)
        {
            VotedFor = from;
            LogElectionEvent("vote", $"{Label} votes for {cluster.LabelOf(from)} in term {CurrentTerm}");
            // A node that just voted gives the candidate time to win before standing itself.
            ResetElectionTimer();
        }
        Send(from, new VoteReply(CurrentTerm, grant));
    }

    private void HandleVoteReply(string from, VoteReply reply)
    {
        if (Role != RaftRole.Candidate || reply.Term != CurrentTerm || !reply.Granted)
        {
            return;
        }
        votes.Add(from);
        if (votes.Count >= cluster.VotesNeeded)
        {
            BecomeLeader();
        }
    }

    private void HandleHeartbeat(string from, Heartbeat heartbeat)
    {
        // A stale leader, or a second leader of this term (only possible with quorums broken), is refused.
        if (heartbeat.Term < CurrentTerm || Role == RaftRole.Leader)
        {
            Send(from, new HeartbeatAck(CurrentTerm, false));
            return;
        }
        if (Role == RaftRole.Candidate)
        {
            Log("step-down", $"{Label} gives up its candidacy: {cluster.LabelOf(from)} won term {CurrentTerm}");
            Role = RaftRole.Follower;
            votes.Clear();
        }
        KnownLeader = from;
        termsWithoutLeader = 0;
        ResetElectionTimer();
        Send(from, new HeartbeatAck(CurrentTerm, true));
    }

    private void HandleWrite(string from, WriteRequest write)
    {
        var reply = Role switch
        {
            RaftRole.Leader when HasRecentQuorum() => new WriteReply(write.WriteId, true, WriteRejection.None, Id, CurrentTerm),
            RaftRole.Leader => new WriteReply(write.WriteId, false, WriteRejection.NoQuorum, null, CurrentTerm),
            _ => new WriteReply(write.WriteId, false, WriteRejection.NotLeader, KnownLeader, CurrentTerm),
        };
        Send(from, reply);
    }

    // Like etcd's CheckQuorum: a leader cut off from its followers may already have been replaced.
    private bool HasRecentQuorum() =>
        1 + lastAck.Values.Count(at => at >= Now - cluster.Settings.ElectionTimeoutMax) >= cluster.VotesNeeded;

    private void AdoptHigherTerm(long term, string from)
    {
        var previous = Role;
        if (previous == RaftRole.Leader)
        {
            cluster.ReignEnded(this);
        }
        CurrentTerm = term;
        VotedFor = null;
        KnownLeader = null;
        termsWithoutLeader++;
        if (previous == RaftRole.Follower)
        {
            return;
        }
        Role = RaftRole.Follower;
        votes.Clear();
        LogElectionEvent("step-down", $"{Label} steps down from {previous.ToString().ToLowerInvariant()}: {cluster.LabelOf(from)} is in term {term}");
        if (previous == RaftRole.Leader)
        {
            lastAck.Clear();
            // A leader ran no election timer; a follower must.
            ResetElectionTimer();
        }
    }

    private void OnElectionTimeout()
    {
        if (Role == RaftRole.Leader)
        {
            return;
        }
        CurrentTerm++;
        termsWithoutLeader++;
        VotedFor = Id;
        Role = RaftRole.Candidate;
        KnownLeader = null;
        votes.Clear();
        votes.Add(Id);
        LogElectionEvent("election", $"{Label} hears no leader and stands for election in term {CurrentTerm}");
        ResetElectionTimer();
        foreach (var peer in peers)
        {
            Send(peer, new VoteRequest(CurrentTerm, Id));
        }
        // Only with quorums broken can its own vote be enough.
        if (votes.Count >= cluster.VotesNeeded)
        {
            BecomeLeader();
        }
    }

    private void BecomeLeader()
    {
        Role = RaftRole.Leader;
        KnownLeader = Id;
        termsWithoutLeader = 0;
        CancelTimer(electionTimer);
        electionTimer = null;
        lastAck.Clear();
        foreach (var voter in votes)
        {
            if (voter != Id)
            {
                lastAck[voter] = Now;
            }
        }
        Log("leader", $"{Label} becomes leader of term {CurrentTerm} with {votes.Count} of {peers.Count + 1} votes");
        cluster.ReignBegan(this);
        // A heartbeat chain left over from an earlier reign would double the beat.
        CancelTimer(heartbeatTimer);
        SendHeartbeats();
    }

    private void SendHeartbeats()
    {
        if (Role != RaftRole.Leader)
        {
            return;
        }
        foreach (var peer in peers)
        {
            Send(peer, new Heartbeat(CurrentTerm, Id));
        }
        heartbeatTimer = StartTimer(cluster.Settings.HeartbeatInterval, SendHeartbeats);
    }

    private void LogElectionEvent(string kind, string text)
    {
        if (termsWithoutLeader <= 3)
        {
            Log(kind, text);
        }
        else if (termsWithoutLeader % 10 == 0)
        {
            Log(kind, $"{text} ({termsWithoutLeader} terms without a leader; only every tenth is logged)");
        }
    }

    private void ResetElectionTimer()
    {
        CancelTimer(electionTimer);
        ElectionTimeout = Random.NextTime(cluster.Settings.ElectionTimeoutMin, cluster.Settings.ElectionTimeoutMax);
        electionTimerStartedAt = Now;
        electionTimer = StartTimer(ElectionTimeout, OnElectionTimeout);
    }
}
