using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>A message between cluster nodes. Every one carries the sender's term, so a stale node learns it is behind.</summary>
public interface IRaftMessage : IMessage
{
    long Term { get; }
}

/// <summary>RequestVote: a candidate asks for a node's vote in its term.</summary>
public sealed record VoteRequest(long Term, string CandidateId) : IRaftMessage
{
    public string Kind => "vote-request";
}

/// <summary>The answer to a <see cref="VoteRequest"/>.</summary>
public sealed record VoteReply(long Term, bool Granted) : IRaftMessage
{
    public string Kind => "vote";
}

/// <summary>An empty AppendEntries: the leader's "I am alive", which holds followers back from an election.</summary>
public sealed record Heartbeat(long Term, string LeaderId) : IRaftMessage
{
    public string Kind => "heartbeat";
}

/// <summary>The answer to a <see cref="Heartbeat"/>; Success is false when the receiver does not accept the sender as leader.</summary>
public sealed record HeartbeatAck(long Term, bool Success) : IRaftMessage
{
    public string Kind => "heartbeat-ack";
}

/// <summary>A client write. It carries no term: clients are not part of the cluster.</summary>
public sealed record WriteRequest(long WriteId) : IMessage
{
    public string Kind => "write";
}

/// <summary>Why a write was refused.</summary>
public enum WriteRejection
{
    None,

    /// <summary>Not the leader; <see cref="WriteReply.LeaderHint"/> names the leader it knows, if any.</summary>
    NotLeader,

    /// <summary>A leader that has not heard from a quorum lately: it may have been replaced, so it refuses rather than lie.</summary>
    NoQuorum,
}

/// <summary>The answer to a <see cref="WriteRequest"/>.</summary>
public sealed record WriteReply(long WriteId, bool Accepted, WriteRejection Rejection, string? LeaderHint, long Term) : IMessage
{
    public string Kind => "write-reply";
}
