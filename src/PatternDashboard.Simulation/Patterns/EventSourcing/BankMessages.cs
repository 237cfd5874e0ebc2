using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>"Break it": read an account's row from the state table, the way a CRUD application would.</summary>
public sealed record ReadRowRequest(long RequestId, string AccountId) : IMessage
{
    public string Kind => "read row";
}

public sealed record RowReply(long RequestId, AccountState State) : IMessage
{
    public string Kind => "row";
}

/// <summary>"Break it": overwrite the row in place; no event is written, the old value is gone.</summary>
public sealed record UpdateRowRequest(long RequestId, AccountState State) : IMessage
{
    public string Kind => "update row";
}

public sealed record RowUpdated(long RequestId, string AccountId) : IMessage
{
    public string Kind => "updated";
}
