using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>
/// The bank's event store. Besides the streams it keeps the current state of each account as a table, folded from
/// each event as it is written: what the bank shows as "the balance". With event sourcing the table is only a view of
/// the events; the "break it" switch lets tellers overwrite it in place instead, as a CRUD application does.
/// </summary>
public sealed class BankStoreNode(SimulationBase simulation, EventStreamStore<AccountEvent> store)
    : EventStoreNode<AccountEvent>(simulation, store)
{
    private readonly SortedDictionary<string, StateRow> rows = new(StringComparer.Ordinal);

    /// <summary>A row of the current-state table, with a counter of its changes so a monitor rechecks only what moved.</summary>
    public sealed class StateRow(AccountState state)
    {
        public AccountState State { get; set; } = state;

        public long Changes { get; set; }
    }

    public IReadOnlyDictionary<string, StateRow> Rows => rows;

    public long InPlaceUpdates { get; private set; }

    public AccountState CurrentState(string accountId) => rows.TryGetValue(accountId, out var row) ? row.State : AccountState.Empty(accountId);

    protected override void OnAppended(IReadOnlyList<StoredEvent<AccountEvent>> written)
    {
        foreach (var stored in written)
        {
            Change(stored.StreamId, Account.Apply(CurrentState(stored.StreamId), stored.Data));
            if (stored.Data.Type == AccountEventType.Closed)
            {
                Store.MarkFinished(stored.StreamId);
            }
        }
        // Archiving happens inside appends; an archived account leaves the table with its stream.
        foreach (var gone in rows.Keys.Where(id => Store.IsArchived(id)).ToList())
        {
            rows.Remove(gone);
        }
    }

    protected override void OnOtherMessage(string from, IMessage message)
    {
        switch (message)
        {
            case ReadRowRequest read:
                Send(from, new RowReply(read.RequestId, CurrentState(read.AccountId)));
                break;
            case UpdateRowRequest update:
                InPlaceUpdates++;
                Change(update.State.Id, update.State);
                Send(from, new RowUpdated(update.RequestId, update.State.Id));
                break;
        }
    }

    private void Change(string accountId, AccountState state)
    {
        if (!rows.TryGetValue(accountId, out var row))
        {
            rows[accountId] = row = new StateRow(state);
        }
        row.State = state;
        row.Changes++;
    }
}
