using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>
/// Replaying an account's stream from its first event gives its current state. Only rows that changed since the last
/// check are replayed, so the check after every event stays cheap; a mismatch is remembered until the row is right again.
/// </summary>
public sealed class ReplayEqualsStateMonitor(BankStoreNode store)
    : InvariantMonitor(MonitorId, "Replaying each stream from zero equals the current state")
{
    public const string MonitorId = "replay-equals-state";

    private readonly Dictionary<string, long> checkedAt = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> wrong = new(StringComparer.Ordinal);

    /// <summary>Accounts whose current state no replay of their events gives.</summary>
    public int Mismatched => wrong.Count;

    public override string? Check()
    {
        foreach (var (id, row) in store.Rows)
        {
            if (checkedAt.TryGetValue(id, out long changes) && changes == row.Changes)
            {
                continue;
            }
            checkedAt[id] = row.Changes;
            var replayed = Account.Replay(id, store.Store.ReadStream(id));
            if (replayed.Balance != row.State.Balance || replayed.Status != row.State.Status || replayed.Owner != row.State.Owner)
            {
                wrong[id] = $"{id} shows {row.State.Balance} ({row.State.Status}), but its {replayed.Version} events replay to {replayed.Balance} ({replayed.Status})";
            }
            else
            {
                wrong.Remove(id);
            }
        }
        if (checkedAt.Count > store.Rows.Count)
        {
            foreach (var gone in checkedAt.Keys.Where(id => !store.Rows.ContainsKey(id)).ToList())
            {
                checkedAt.Remove(gone);
                wrong.Remove(gone);
            }
        }
        return wrong.Count == 0 ? null : wrong.Values.First();
    }
}

/// <summary>Every stream's versions run 1, 2, 3... with no gap or repeat, and its global positions only grow. New events only are checked.</summary>
public sealed class NoVersionGapsMonitor(EventStreamStore<AccountEvent> store)
    : InvariantMonitor(MonitorId, "Stream versions have no gaps")
{
    public const string MonitorId = "no-version-gaps";

    private readonly Dictionary<string, (long Version, long Position)> seen = new(StringComparer.Ordinal);
    private long checkedAppends = -1;
    private string? problem;

    public override string? Check()
    {
        if (store.Appends == checkedAppends)
        {
            return problem;
        }
        checkedAppends = store.Appends;
        foreach (var id in store.StreamIds)
        {
            var last = seen.GetValueOrDefault(id);
            if (store.VersionOf(id) == last.Version)
            {
                continue;
            }
            foreach (var e in store.ReadStream(id, last.Version + 1))
            {
                if (e.Version != last.Version + 1 || e.Position <= last.Position)
                {
                    problem ??= $"{id}: v{e.Version} at position {e.Position} follows v{last.Version} at position {last.Position}";
                }
                last = (e.Version, e.Position);
            }
            seen[id] = last;
        }
        if (seen.Count > store.StreamIds.Count)
        {
            foreach (var gone in seen.Keys.Where(id => store.VersionOf(id) == 0).ToList())
            {
                seen.Remove(gone);
            }
        }
        return problem;
    }
}

/// <summary>
/// A state rebuilt from a snapshot equals the state rebuilt from all the events: a damaged snapshot is caught by its
/// checksum and never changes what a teller sees.
/// </summary>
public sealed class SnapshotRebuildMonitor(EventStreamStore<AccountEvent> store, IReadOnlyList<TellerNode> tellers)
    : InvariantMonitor(MonitorId, "A rebuild from a snapshot equals the replay of all events")
{
    public const string MonitorId = "snapshot-rebuild";

    private readonly Dictionary<TellerNode, long> checkedLoad = [];
    private string? problem;

    public override string? Check()
    {
        foreach (var teller in tellers)
        {
            if (teller.LastLoad is not { } load || checkedLoad.GetValueOrDefault(teller) == load.Serial)
            {
                continue;
            }
            checkedLoad[teller] = load.Serial;
            if (!load.FromSnapshot || store.VersionOf(load.State.Id) < load.State.Version)
            {
                continue;
            }
            var replayed = Account.Replay(load.State.Id, store.ReadStream(load.State.Id).Take((int)load.State.Version));
            problem = replayed == load.State ? null
                : $"{teller.Label} rebuilt {load.State.Id} at v{load.State.Version} from a snapshot as {load.State.Balance}; its events give {replayed.Balance}";
        }
        return problem;
    }
}
