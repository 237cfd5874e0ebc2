using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>A client's read or write of one key, sent to the router; a write carries the key's next version.</summary>
public sealed record KeyRequest(long Id, int Key, bool IsWrite, long Version) : IMessage
{
    public string Kind => "request";
}

/// <summary>The router's read or write on the shard its map names for one strategy.</summary>
/// <param name="FromReplica">True when the router asks the replica because the owner did not answer.</param>
public sealed record ShardOperation(long Id, Strategy Strategy, int Key, bool IsWrite, long Version, bool FromReplica = false) : IMessage
{
    public string Kind => IsWrite ? "write" : "read";
}

public enum OperationOutcome
{
    Done,

    /// <summary>The shard does not own the key (its map changed): the router asks again with its own map.</summary>
    NotMine,

    /// <summary>The shard owns the key but its data is still on its way from the old owner.</summary>
    Moving,

    /// <summary>A replica that holds no copy of the key.</summary>
    NoCopy,
}

public sealed record OperationResult(long Id, Strategy Strategy, OperationOutcome Outcome) : IMessage
{
    public string Kind => "answer";
}

/// <summary>A copy of a written key for its replica; not acknowledged, so a lost copy leaves that replica stale.</summary>
public sealed record ReplicaCopy(Strategy Strategy, IReadOnlyList<KeyVersion> Entries) : IMessage
{
    public string Kind => "replica";
}

/// <summary>The router's new map for one strategy: each shard hands off the keys it no longer owns.</summary>
public sealed record Rebalance(Strategy Strategy, ShardMap Map) : IMessage
{
    public string Kind => "rebalance";
}

/// <summary>A shard has handed off, and had acknowledged, every key it no longer owns under the map's epoch.</summary>
public sealed record Rebalanced(Strategy Strategy, int Epoch) : IMessage
{
    public string Kind => "rebalanced";
}

/// <summary>Keys moving to their new owner, with their data; the sender keeps its copy until the acknowledgement.</summary>
public sealed record Handoff(long BatchId, Strategy Strategy, ShardMap Map, IReadOnlyList<KeyVersion> Entries) : IMessage
{
    public string Kind => "handoff";
}

public sealed record HandoffAck(long BatchId, Strategy Strategy) : IMessage
{
    public string Kind => "handoff-ack";
}

/// <summary>Asks the owners to copy every key they own to its replica, after a rebalance changed who that is.</summary>
public sealed record RefreshReplicas(Strategy Strategy) : IMessage
{
    public string Kind => "refresh-replicas";
}

/// <summary>A key and the version of its latest write (0: never written since the store was loaded).</summary>
public readonly record struct KeyVersion(int Key, long Version);
