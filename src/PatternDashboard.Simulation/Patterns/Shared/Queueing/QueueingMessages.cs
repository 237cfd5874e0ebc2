using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>A request for a queueing server; <see cref="RequestId"/> is unique in the run, so its answer finds it.</summary>
public sealed record WorkRequest(long RequestId) : IMessage
{
    public string Kind => "request";
}

/// <summary>How a server answered one request.</summary>
public enum WorkAnswer
{
    /// <summary>Served: the request waited its turn and a worker did it.</summary>
    Served,

    /// <summary>Refused at the door: the queue was full.</summary>
    Rejected,

    /// <summary>The server died holding it; its host's network stack reset the connection.</summary>
    Reset,
}

/// <summary>A server's answer to one request.</summary>
public sealed record WorkReply(long RequestId, WorkAnswer Answer) : IMessage
{
    public string Kind => Answer switch
    {
        WorkAnswer.Served => "answer",
        WorkAnswer.Rejected => "rejected",
        _ => "reset",
    };
}
