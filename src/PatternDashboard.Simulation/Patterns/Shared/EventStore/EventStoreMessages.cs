using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.EventStore;

/// <summary>Append these events to a stream if it is at <paramref name="ExpectedVersion"/> (see <see cref="EventStreamStore{TEvent}.NoStream"/>).</summary>
public sealed record AppendRequest<TEvent>(long RequestId, string StreamId, long ExpectedVersion, IReadOnlyList<TEvent> Events, string CommandId) : IMessage
{
    public string Kind => "append";
}

public sealed record AppendReply(long RequestId, string StreamId, AppendResult Result) : IMessage
{
    public string Kind => Result.Outcome == AppendOutcome.Conflict ? "conflict" : "appended";
}

/// <summary>Read a stream; with <paramref name="UseSnapshot"/> the store sends its latest snapshot and only the events after it.</summary>
public sealed record ReadStreamRequest(long RequestId, string StreamId, bool UseSnapshot) : IMessage
{
    public string Kind => "read";
}

/// <summary>A stream as read: the snapshot it starts from (or null) and the events after it, up to <paramref name="Version"/>.</summary>
public sealed record StreamSlice<TEvent>(long RequestId, string StreamId, StreamSnapshot? Snapshot, IReadOnlyList<StoredEvent<TEvent>> Events, long Version, bool Archived) : IMessage
{
    public string Kind => "events";
}

/// <summary>
/// Catch up: up to <paramref name="Max"/> events of every stream after <paramref name="AfterPosition"/>. With
/// <paramref name="Subscribe"/> the store also tells the reader, with <see cref="StoreAdvanced"/>, each time events are
/// written, until the store crashes (subscriptions are not on its disk; the reader's next read subscribes again).
/// </summary>
public sealed record ReadAllRequest(long RequestId, long AfterPosition, int Max, bool Subscribe = false) : IMessage
{
    public string Kind => "catch-up";
}

/// <summary>Events in global order, and the store's head so the reader knows how far behind it is.</summary>
public sealed record AllSlice<TEvent>(long RequestId, IReadOnlyList<StoredEvent<TEvent>> Events, long HeadPosition) : IMessage
{
    public string Kind => "events";
}

/// <summary>Keep this snapshot as the stream's latest; no answer is needed, a lost snapshot is only a slower read.</summary>
public sealed record SaveSnapshotRequest(StreamSnapshot Snapshot) : IMessage
{
    public string Kind => "snapshot";
}

/// <summary>A subscriber's wake-up call: events were written, the head is now <paramref name="HeadPosition"/>. Only a hint: a lost one is made up by the next read.</summary>
public sealed record StoreAdvanced(long HeadPosition) : IMessage
{
    public string Kind => "advanced";
}
