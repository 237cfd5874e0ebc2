using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>One row of the read model: an open account as a statement page shows it.</summary>
public sealed record AccountSummary(string Id, string Owner, long Balance, long TotalIn, long TotalOut, int Corrections, double LastActivity)
{
    public static AccountSummary Empty(string id) => new(id, "", 0, 0, 0, 0, 0);
}

/// <summary>
/// The projection: open accounts with money in and out, shaped for a statement query. Closed accounts leave it, so a
/// closed and archived stream is missing from a rebuild without changing the result.
/// </summary>
public sealed class AccountSummaries : IProjection<AccountEvent>
{
    private readonly SortedDictionary<string, AccountSummary> rows = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, AccountSummary> Rows => rows;

    public long TotalBalance => rows.Values.Sum(r => r.Balance);

    public void Apply(StoredEvent<AccountEvent> stored)
    {
        var row = Fold(rows.GetValueOrDefault(stored.StreamId) ?? AccountSummary.Empty(stored.StreamId), stored.Data, stored.Time);
        if (stored.Data.Type == AccountEventType.Closed)
        {
            rows.Remove(stored.StreamId);
        }
        else
        {
            rows[stored.StreamId] = row;
        }
    }

    public void Reset() => rows.Clear();

    /// <summary>One account's row after one more event; the page uses it to rebuild the row at any point of a stream.</summary>
    public static AccountSummary Fold(AccountSummary row, AccountEvent e, TimeSpan time)
    {
        var touched = row with { LastActivity = time.TotalSeconds };
        return e.Type switch
        {
            AccountEventType.Opened => touched with { Owner = e.Note, Balance = e.Amount, TotalIn = e.Amount },
            AccountEventType.Deposited => touched with { Balance = row.Balance + e.Amount, TotalIn = row.TotalIn + e.Amount },
            AccountEventType.Withdrawn or AccountEventType.Closed => touched with { Balance = row.Balance - e.Amount, TotalOut = row.TotalOut + e.Amount },
            AccountEventType.Corrected => touched with { Balance = row.Balance + e.Amount, TotalIn = row.TotalIn + e.Amount, Corrections = row.Corrections + 1 },
            _ => touched,
        };
    }
}
