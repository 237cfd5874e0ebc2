namespace PatternDashboard.Simulation.Patterns.Shared.EventStore;

/// <summary>
/// The append-only store itself, without the network: streams of events with versions, one global order, appends that
/// name the version they expect (optimistic concurrency), the latest snapshot per stream, and archiving.
/// Nothing is ever changed or removed in place; a stream leaves only whole, by archiving.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="Capacity"/> events are held. Above <see cref="ArchiveAbove"/> the store archives streams
/// its owner has marked finished, oldest first, once every follower has read past them (an archived stream's events
/// would otherwise be missing from a projection that had not seen them yet). When the store is full and nothing can
/// be archived, appends are refused with <see cref="AppendOutcome.Full"/>: back-pressure rather than growth.
/// </remarks>
public sealed class EventStreamStore<TEvent>(int capacity = EventStreamStore<TEvent>.DefaultCapacity, int archiveAbove = EventStreamStore<TEvent>.DefaultArchiveAbove)
{
    public const int DefaultCapacity = 6_000;
    public const int DefaultArchiveAbove = 1_500;

    /// <summary>
    /// Archived streams remembered by name (an append to one is refused); older ones are only counted, so stream ids
    /// must not be reused, as an account number is not.
    /// </summary>
    public const int ArchivedKept = 20;

    /// <summary>Expected version of a stream that must not exist yet.</summary>
    public const long NoStream = 0;

    /// <summary>Expected version that accepts whatever the stream holds (no concurrency check).</summary>
    public const long AnyVersion = -1;

    private readonly Dictionary<string, List<StoredEvent<TEvent>>> streams = new(StringComparer.Ordinal);
    // The global order; archiving removes a stream's events from it, so positions have holes only where whole streams left.
    private readonly LinkedList<StoredEvent<TEvent>> all = new();
    private readonly Dictionary<string, StreamSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> followers = new(StringComparer.Ordinal);
    private readonly HashSet<string> finished = new(StringComparer.Ordinal);
    private readonly Queue<ArchivedStream> archived = new();
    private readonly HashSet<string> archivedIds = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int ArchiveAbove { get; } = archiveAbove > 0 && archiveAbove <= capacity ? archiveAbove : throw new ArgumentOutOfRangeException(nameof(archiveAbove));

    /// <summary>The position of the last event ever appended (0 before the first).</summary>
    public long HeadPosition { get; private set; }

    /// <summary>Events held now.</summary>
    public int EventCount => all.Count;

    public long Appends { get; private set; }

    public long Conflicts { get; private set; }

    public long Refused { get; private set; }

    public long ArchivedStreams { get; private set; }

    public long ArchivedEvents { get; private set; }

    public IReadOnlyCollection<string> StreamIds => streams.Keys;

    public IReadOnlyCollection<ArchivedStream> RecentlyArchived => archived;

    /// <summary>The stream's version: how many events it holds (0 when it does not exist).</summary>
    public long VersionOf(string streamId) => streams.TryGetValue(streamId, out var events) ? events.Count : 0;

    public bool IsArchived(string streamId) => archivedIds.Contains(streamId);

    /// <summary>Writes <paramref name="events"/> at the end of the stream if it is at <paramref name="expectedVersion"/>, all or none.</summary>
    public AppendResult Append(string streamId, long expectedVersion, IReadOnlyList<TEvent> events, string commandId, TimeSpan now)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }
        long actual = VersionOf(streamId);
        if (archivedIds.Contains(streamId))
        {
            Refused++;
            return new AppendResult(AppendOutcome.Archived, expectedVersion, actual, 0);
        }
        if (expectedVersion != AnyVersion && expectedVersion != actual)
        {
            Conflicts++;
            return new AppendResult(AppendOutcome.Conflict, expectedVersion, actual, 0);
        }
        if (all.Count + events.Count > Capacity && !ArchiveUntil(Capacity - events.Count))
        {
            Refused++;
            return new AppendResult(AppendOutcome.Full, expectedVersion, actual, 0);
        }
        if (!streams.TryGetValue(streamId, out var stream))
        {
            stream = [];
            streams.Add(streamId, stream);
        }
        long first = HeadPosition + 1;
        foreach (var data in events)
        {
            var stored = new StoredEvent<TEvent>(streamId, stream.Count + 1, ++HeadPosition, now, commandId, data);
            stream.Add(stored);
            all.AddLast(stored);
        }
        Appends++;
        if (all.Count > ArchiveAbove)
        {
            ArchiveUntil(ArchiveAbove);
        }
        return new AppendResult(AppendOutcome.Written, expectedVersion, stream.Count, first);
    }

    /// <summary>The stream's events from version <paramref name="fromVersion"/> on (1 for all of them).</summary>
    public IReadOnlyList<StoredEvent<TEvent>> ReadStream(string streamId, long fromVersion = 1)
    {
        if (!streams.TryGetValue(streamId, out var stream) || fromVersion > stream.Count)
        {
            return [];
        }
        int from = (int)Math.Max(0, fromVersion - 1);
        return stream.GetRange(from, stream.Count - from);
    }

    /// <summary>
    /// Up to <paramref name="max"/> events of every stream after <paramref name="afterPosition"/>, in global order: the
    /// catch-up read a subscription or a projection makes. <paramref name="reader"/>, when given, is remembered as a
    /// follower that has read up to <paramref name="afterPosition"/>, which holds back archiving.
    /// </summary>
    public IReadOnlyList<StoredEvent<TEvent>> ReadAll(long afterPosition, int max, string? reader = null)
    {
        if (reader is not null)
        {
            followers[reader] = afterPosition;
        }
        var result = new List<StoredEvent<TEvent>>(Math.Min(max, 64));
        // Readers are mostly near the head, so the walk starts from the end.
        var node = all.Last;
        while (node is not null && node.Value.Position > afterPosition)
        {
            node = node.Previous;
        }
        node = node is null ? all.First : node.Next;
        while (node is not null && result.Count < max)
        {
            result.Add(node.Value);
            node = node.Next;
        }
        return result;
    }

    /// <summary>Forgets a follower (a projection deleted for good), so it no longer holds back archiving.</summary>
    public void Unfollow(string reader) => followers.Remove(reader);

    public void SaveSnapshot(StreamSnapshot snapshot)
    {
        if (streams.ContainsKey(snapshot.StreamId) && snapshot.Version <= VersionOf(snapshot.StreamId)
            && (!snapshots.TryGetValue(snapshot.StreamId, out var old) || old.Version <= snapshot.Version))
        {
            snapshots[snapshot.StreamId] = snapshot;
        }
    }

    public StreamSnapshot? SnapshotOf(string streamId) => snapshots.GetValueOrDefault(streamId);

    /// <summary>Replaces a stored snapshot's state while keeping its checksum: what a torn write or a bad disk does.</summary>
    public bool Corrupt(string streamId, Func<object, object> damage)
    {
        if (!snapshots.TryGetValue(streamId, out var snapshot))
        {
            return false;
        }
        snapshots[streamId] = snapshot with { State = damage(snapshot.State) };
        return true;
    }

    /// <summary>Marks a stream as finished (an account closed): it may be archived once every follower has read it.</summary>
    public void MarkFinished(string streamId)
    {
        if (streams.ContainsKey(streamId))
        {
            finished.Add(streamId);
        }
    }

    /// <summary>Archives finished streams, oldest first, until at most <paramref name="target"/> events are held; false if it could not.</summary>
    private bool ArchiveUntil(int target)
    {
        long readUpTo = followers.Count == 0 ? HeadPosition : followers.Values.Min();
        var candidates = finished
            .Select(id => (Id: id, Last: streams[id][^1].Position))
            .Where(s => s.Last <= readUpTo)
            .OrderBy(s => s.Last)
            .ToList();
        foreach (var (id, last) in candidates)
        {
            if (all.Count <= target)
            {
                break;
            }
            Archive(id, last);
        }
        return all.Count <= target;
    }

    private void Archive(string streamId, long lastPosition)
    {
        var events = streams[streamId];
        var archivedAt = events[^1].Time;
        for (var node = all.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.StreamId == streamId)
            {
                all.Remove(node);
            }
            node = next;
        }
        streams.Remove(streamId);
        snapshots.Remove(streamId);
        finished.Remove(streamId);
        archivedIds.Add(streamId);
        ArchivedStreams++;
        ArchivedEvents += events.Count;
        archived.Enqueue(new ArchivedStream(streamId, events.Count, lastPosition, archivedAt));
        if (archived.Count > ArchivedKept)
        {
            archivedIds.Remove(archived.Dequeue().StreamId);
        }
    }
}
