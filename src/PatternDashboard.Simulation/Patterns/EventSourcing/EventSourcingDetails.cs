using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>What the event-sourcing page reads: the followed stream with its snapshots, the state and the read model, writers, conflicts and the store.</summary>
/// <param name="InPlace">The "break it" switch: tellers overwrite rows instead of appending events.</param>
public sealed record EventSourcingDetails(
    FollowedStream? Followed,
    IReadOnlyList<AccountRow> Accounts,
    StoreView Store,
    IReadOnlyList<WriterView> Writers,
    IReadOnlyList<ConflictView> Conflicts,
    ProjectorView Projector,
    ReplayCost Replay,
    IReadOnlyList<BadEventView> BadEvents,
    int SnapshotEvery,
    bool InPlace);

/// <summary>One event of the followed stream as the page lists it; <see cref="Writer"/> is the node that appended it.</summary>
public sealed record StreamEventView(long Version, long Position, double Time, string Type, long Amount, string Note, long Corrects, string Writer)
{
    public AccountEvent ToEvent() => new(Type, Amount, Note, Corrects);
}

/// <summary>
/// The account the page follows: every event of its stream (a stream ends when its account closes, so it stays short),
/// the versions at which its snapshots were written, its current state and its row in the read model.
/// </summary>
/// <param name="ChangesWithoutEvents">In-place updates of this account: changes its stream knows nothing of.</param>
public sealed record FollowedStream(
    string AccountId,
    IReadOnlyList<StreamEventView> Events,
    IReadOnlyList<long> SnapshotVersions,
    long? StoredSnapshotVersion,
    SnapshotHealth SnapshotHealth,
    AccountState Current,
    AccountSummary? Projected,
    long ChangesWithoutEvents);

/// <summary>The followed account's latest snapshot: whether its checksum still matches (nested, as it changes by itself).</summary>
public sealed record SnapshotHealth(bool Present, bool Intact);

/// <summary>An open account: its current state, its latest snapshot and what the read model shows of it.</summary>
public sealed record AccountRow(string Id, string Owner, string Status, long Balance, long Version, long? SnapshotVersion, long? ProjectedBalance);

public sealed record StoreView(bool Up, long HeadPosition, int Events, int Streams, int Capacity, long Appends, long Conflicts, long Refused, long ArchivedStreams, long ArchivedEvents, long InPlaceUpdates);

public sealed record WriterView(string Id, string Label, bool Up, string? Working, long Loads, long Written, long Conflicts, long Retries, long WrittenAfterRetry, long GaveUp, long Timeouts, long CorruptSnapshotsDetected);

/// <summary>One conflict: a writer expected the stream at one version and found it at another.</summary>
public sealed record ConflictView(double Time, string Writer, string AccountId, long ExpectedVersion, long ActualVersion);

public sealed record ProjectorView(bool Up, bool Stopped, long Checkpoint, long Head, long Lag, bool Rebuilding, double Progress, long? RebuildTarget, int Rebuilds, long Applied, int Rows, long TotalBalance);

/// <summary>Events read to rebuild an account: per load on average, with the snapshots in use and as if every rebuild started from zero.</summary>
public sealed record ReplayCost(long Loads, double AverageRead, double AverageFromZero, long FollowedFromZero, long FollowedWithSnapshot);

/// <summary>A wrong deposit and, once compensated, the version of the event that corrected it.</summary>
public sealed record BadEventView(string AccountId, long Version, long Amount, long Intended, long? CorrectedBy);

/// <summary>Builds the details from the cluster's state.</summary>
public sealed partial class EventSourcingCluster
{
    /// <summary>Conflicts a page gets, newest last.</summary>
    public const int ConflictsShown = 8;

    /// <summary>Bad events remembered for compensation and display.</summary>
    public const int BadEventsShown = 5;

    /// <summary>Events of the followed stream a page gets at most; an account closes well before.</summary>
    public const int StreamEventsShown = 400;

    /// <summary>The store's head minus the projector's checkpoint: what the read model has not seen yet.</summary>
    public long ProjectionLag => Math.Max(0, Store.Store.HeadPosition - Projector.Checkpoint);

    public EventSourcingDetails DetailsOf()
    {
        var store = Store.Store;
        var accounts = live.Select(id =>
        {
            var state = Store.CurrentState(id);
            return new AccountRow(id, state.Owner, state.Status, state.Balance, store.VersionOf(id), store.SnapshotOf(id)?.Version,
                Summaries.Rows.TryGetValue(id, out var row) ? row.Balance : null);
        }).ToList();
        var storeView = new StoreView(Store.IsUp, store.HeadPosition, store.EventCount, store.StreamIds.Count, store.Capacity, store.Appends,
            store.Conflicts, store.Refused, store.ArchivedStreams, store.ArchivedEvents, Store.InPlaceUpdates);
        var writers = Tellers.Select(t => new WriterView(t.Id, t.Label, t.IsUp, t.Working, t.Loads, t.Written, t.Conflicts, t.Retries,
            t.WrittenAfterRetry, t.GaveUp, t.Timeouts, t.CorruptSnapshotsDetected)).ToList();
        var projector = new ProjectorView(Projector.IsUp, Projector.IsStopped, Projector.Checkpoint, store.HeadPosition, ProjectionLag,
            Projector.RebuildTarget is not null, Projector.RebuildProgress, Projector.RebuildTarget, Projector.Rebuilds, Projector.Applied,
            Summaries.Rows.Count, Summaries.TotalBalance);
        var followed = FollowedOf();
        var replay = new ReplayCost(loads, loads == 0 ? 0 : (double)eventsRead / loads, loads == 0 ? 0 : (double)eventsFromZero / loads,
            followed?.Events.Count ?? 0, followed is null ? 0 : followed.Events.Count - (followed.StoredSnapshotVersion ?? 0));
        return new EventSourcingDetails(followed, accounts, storeView, writers, [.. conflicts], projector, replay, [.. badEvents], SnapshotEvery, InPlace);
    }

    private FollowedStream? FollowedOf()
    {
        if (Followed is not { } id)
        {
            return null;
        }
        var store = Store.Store;
        var events = store.ReadStream(id);
        var shown = events.Skip(Math.Max(0, events.Count - StreamEventsShown))
            .Select(e => new StreamEventView(e.Version, e.Position, e.Time.TotalSeconds, e.Data.Type, e.Data.Amount, e.Data.Note, e.Data.Corrects,
                e.CommandId.Split(':')[0]))
            .ToList();
        var snapshot = store.SnapshotOf(id);
        bool intact = snapshot is { State: AccountState s } && Account.Checksum(s) == snapshot.Checksum;
        var current = Store.CurrentState(id);
        // In place, each change is a row update the stream never saw.
        long withoutEvents = Math.Max(0, current.Version - events.Count);
        return new FollowedStream(id, shown, [.. snapshotsWritten.GetValueOrDefault(id) ?? []], snapshot?.Version, new SnapshotHealth(snapshot is not null, snapshot is null || intact),
            current, Summaries.Rows.GetValueOrDefault(id), withoutEvents);
    }
}
