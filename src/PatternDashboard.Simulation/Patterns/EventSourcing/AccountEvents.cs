using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>What can happen to a bank account; the names are the <see cref="AccountEvent.Type"/> values.</summary>
public static class AccountEventType
{
    public const string Opened = "opened";
    public const string Deposited = "deposited";
    public const string Withdrawn = "withdrawn";

    /// <summary>A compensating event: it reverses part of an earlier event, which itself stays in the stream for ever.</summary>
    public const string Corrected = "corrected";
    public const string Closed = "closed";
}

/// <summary>
/// One fact about an account. One flat record rather than a type per event, so a page can read the stream as JSON.
/// </summary>
/// <param name="Amount">Money in whole units: what was opened with, deposited, withdrawn, paid out on closing, or (signed) corrected.</param>
/// <param name="Note">The owner for "opened", the reason for "corrected", what a teller typed otherwise.</param>
/// <param name="Corrects">For "corrected": the version of the event it compensates; 0 otherwise.</param>
public sealed record AccountEvent(string Type, long Amount, string Note = "", long Corrects = 0);

/// <summary>Where an account is in its life.</summary>
public static class AccountStatus
{
    public const string None = "none";
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>The account aggregate's state: nothing but a fold of its events.</summary>
public sealed record AccountState(string Id, string Status, string Owner, long Balance, long Version, int Transactions)
{
    public static AccountState Empty(string id) => new(id, AccountStatus.None, "", 0, 0, 0);

    public bool IsOpen => Status == AccountStatus.Open;
}

/// <summary>The aggregate's rules: how events fold into state, and which commands its state allows.</summary>
public static class Account
{
    public static AccountState Apply(AccountState state, AccountEvent e)
    {
        var next = state with { Version = state.Version + 1 };
        return e.Type switch
        {
            AccountEventType.Opened => next with { Status = AccountStatus.Open, Owner = e.Note, Balance = e.Amount, Transactions = 1 },
            AccountEventType.Deposited or AccountEventType.Corrected => next with { Balance = state.Balance + e.Amount, Transactions = state.Transactions + 1 },
            AccountEventType.Withdrawn => next with { Balance = state.Balance - e.Amount, Transactions = state.Transactions + 1 },
            AccountEventType.Closed => next with { Status = AccountStatus.Closed, Balance = state.Balance - e.Amount, Transactions = state.Transactions + 1 },
            _ => next,
        };
    }

    /// <summary>Rebuilds an account by replaying events from <paramref name="from"/> (its empty state, or a snapshot).</summary>
    public static AccountState Replay(AccountState from, IEnumerable<AccountEvent> events)
    {
        var state = from;
        foreach (var e in events)
        {
            state = Apply(state, e);
        }
        return state;
    }

    public static AccountState Replay(string id, IEnumerable<StoredEvent<AccountEvent>> events) =>
        Replay(AccountState.Empty(id), events.Select(e => e.Data));

    /// <summary>
    /// A checksum of the state that a snapshot carries; a reader recomputes it before trusting the snapshot. It is
    /// its own arithmetic because string hash codes change from one process to the next.
    /// </summary>
    public static long Checksum(AccountState state)
    {
        ulong h = 1469598103934665603UL;
        foreach (char c in $"{state.Id}|{state.Status}|{state.Owner}|{state.Balance}|{state.Version}|{state.Transactions}")
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return (long)h;
    }

    /// <summary>Null when the command may run on this state, otherwise why not (a business refusal, not a conflict).</summary>
    public static string? Refusal(AccountState state, AccountEvent command) => command.Type switch
    {
        AccountEventType.Opened when state.Status != AccountStatus.None => $"{state.Id} already exists",
        AccountEventType.Opened => null,
        _ when !state.IsOpen => $"{state.Id} is {state.Status}",
        AccountEventType.Withdrawn when command.Amount > state.Balance => $"{state.Id} holds only {state.Balance}",
        AccountEventType.Closed when command.Amount != state.Balance => $"{state.Id} must pay out its balance {state.Balance} to close",
        _ => null,
    };
}
