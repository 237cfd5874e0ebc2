namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>What the coordinator wrote to its log about a saga.</summary>
public enum LogEntryKind
{
    Started,
    StepDone,
    StepFailed,
    CompensationDone,
    Completed,
    Compensated,
    Stuck,
    Abandoned,
}

/// <summary>One line of the coordinator's log.</summary>
/// <param name="Step">The step the entry is about, or 0.</param>
public sealed record LogEntry(double Time, int Saga, LogEntryKind Kind, int Step);

/// <summary>Where a saga is, as folded from its log entries: what to do next.</summary>
public sealed record SagaPosition(Order Order, bool Compensating, int Next, bool Finished)
{
    public static SagaPosition Begin(Order order) => new(order, false, 1, false);

    public SagaPosition Fold(LogEntry entry) => entry.Kind switch
    {
        LogEntryKind.StepDone => this with { Next = entry.Step + 1 },
        LogEntryKind.StepFailed => this with { Compensating = true, Next = entry.Step - 1 },
        LogEntryKind.CompensationDone => this with { Next = entry.Step - 1 },
        LogEntryKind.Started => this,
        _ => this with { Finished = true },
    };
}

/// <summary>
/// The coordinator's durable log: every transition of every saga is written before the coordinator acts on it, and it
/// survives crashes. A finished saga's entries are compacted away; the newest entries are kept for the page (bounded).
/// </summary>
public sealed class CoordinatorLog
{
    public const int TailKept = 200;

    private readonly Dictionary<int, (Order Order, List<LogEntry> Entries)> open = [];
    private readonly Queue<LogEntry> tail = new();
    // Sagas the log has seen, so a retried order is not started twice; bounded, far beyond any retry.
    private readonly HashSet<int> known = [];
    private readonly Queue<int> knownOrder = new();

    public long Written { get; private set; }

    public int OpenSagas => open.Count;

    public IReadOnlyCollection<LogEntry> Tail => tail;

    public bool Knows(int saga) => known.Contains(saga);

    public void Start(Order order, double time)
    {
        open[order.Number] = (order, []);
        known.Add(order.Number);
        knownOrder.Enqueue(order.Number);
        if (knownOrder.Count > OrderBook.Kept)
        {
            known.Remove(knownOrder.Dequeue());
        }
        Append(new LogEntry(time, order.Number, LogEntryKind.Started, 0));
    }

    public void Append(LogEntry entry)
    {
        Written++;
        if (open.TryGetValue(entry.Saga, out var saga))
        {
            saga.Entries.Add(entry);
            if (SagaPosition.Begin(saga.Order).Fold(entry).Finished)
            {
                open.Remove(entry.Saga);
            }
        }
        tail.Enqueue(entry);
        if (tail.Count > TailKept)
        {
            tail.Dequeue();
        }
    }

    /// <summary>Replays the log: where every unfinished saga stands, oldest first.</summary>
    public IEnumerable<SagaPosition> Replay() =>
        open.Keys.Order().Select(n => open[n].Entries.Aggregate(SagaPosition.Begin(open[n].Order), (p, e) => p.Fold(e)));
}
