using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>A command to the command side: place, ship or cancel an order. <paramref name="OrderId"/> names the order (new for a placement).</summary>
public sealed record CommandRequest(long RequestId, string Type, string OrderId, string Customer, string Product, int Quantity) : IMessage
{
    public string Kind => "command";
}

/// <summary>The command's outcome: committed at <paramref name="Position"/> in the write store, or rejected with a reason.</summary>
public sealed record CommandReply(long RequestId, bool Committed, long Position, string? Reason) : IMessage
{
    public string Kind => Committed ? "committed" : "rejected";
}

/// <summary>The command side asks the write store for the write model's open orders of a customer, or one order.</summary>
public sealed record WriteModelRequest(long RequestId, string Customer, string? OrderId) : IMessage
{
    public string Kind => "read write model";
}

public sealed record WriteModelReply(long RequestId, IReadOnlyList<OpenOrder> Orders, long HeadPosition) : IMessage
{
    public string Kind => "write model";
}

/// <summary>A query to a read replica: the open orders of a customer, or (with no customer) the pick list.</summary>
public sealed record QueryRequest(long RequestId, string? Customer) : IMessage
{
    public string Kind => "query";
}

/// <summary>A read model's answer and its checkpoint: the last write position it includes.</summary>
public sealed record QueryReply(long RequestId, IReadOnlyList<string> Orders, int Units, long Checkpoint) : IMessage
{
    public string Kind => "answer";
}

/// <summary>A read from the write side: the customer's open orders as committed, for a reader that cannot wait for the read model.</summary>
public sealed record WriteSideQuery(long RequestId, string Customer) : IMessage
{
    public string Kind => "query write side";
}
