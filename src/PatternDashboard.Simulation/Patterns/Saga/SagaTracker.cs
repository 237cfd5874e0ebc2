namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>Where a saga is: still going forward, compensating, or ended one of four ways.</summary>
public enum SagaStatus
{
    Running,
    Compensating,
    Completed,
    Compensated,
    Stuck,
    Abandoned,
}

/// <summary>Where one step or one compensation of a saga is.</summary>
public enum StepState
{
    Pending,
    Running,
    Done,
    Failed,
    Skipped,
}

/// <summary>An order of the stream: its number (the saga's id), what it costs and how many items it takes.</summary>
public sealed record Order(int Number, int Value, int Quantity);

/// <summary>
/// What an outside observer (tracing, not a participant) sees of one saga: each step and compensation as the services
/// report doing it, and every effect they applied for it. No participant reads it; the invariants and the page do.
/// </summary>
public sealed class SagaTrace(Order order, TimeSpan started)
{
    public Order Order { get; } = order;

    public TimeSpan Started { get; } = started;

    public TimeSpan? Ended { get; set; }

    public SagaStatus Status { get; set; } = SagaStatus.Running;

    public StepState[] Steps { get; } = new StepState[SagaPattern.Steps.Count];

    /// <summary>Compensations of steps 1..3; the last step has none.</summary>
    public StepState[] Compensations { get; } = new StepState[SagaPattern.Steps.Count - 1];

    public int[] Attempts { get; } = new int[SagaPattern.Steps.Count];

    /// <summary>The step that failed, 1-based, or 0.</summary>
    public int FailedAt { get; set; }

    /// <summary>Compensations in the order they took effect, as step numbers.</summary>
    public List<int> CompensationOrder { get; } = [];

    public string? StuckReason { get; set; }

    // Effects the services applied for this saga: the audit behind the conservation invariant.
    public int Charges { get; set; }

    public int Refunds { get; set; }

    public int Reservations { get; set; }

    public int Releases { get; set; }

    public int Shipments { get; set; }

    public int Placements { get; set; }

    public int Cancellations { get; set; }

    public bool IsFinished => Status is not (SagaStatus.Running or SagaStatus.Compensating);
}

/// <summary>
/// The sagas of one style as the services report them: every unfinished one and the most recent finished ones
/// (bounded). Counts are kept for the whole run. Conservation is checked per saga whenever one of its effects lands.
/// </summary>
public sealed class SagaTracker(SagaStyle style)
{
    /// <summary>Finished sagas kept for the page and for catching a late duplicate effect.</summary>
    public const int FinishedKept = 2_000;

    private readonly Dictionary<int, SagaTrace> traces = [];
    private readonly Queue<int> finishedOrder = new();
    private readonly SortedSet<int> running = [];
    private readonly HashSet<int> dirty = [];

    public SagaStyle Style { get; } = style;

    public long Started { get; private set; }

    public long Completed { get; private set; }

    public long Compensated { get; private set; }

    public long Stuck { get; private set; }

    public long Abandoned { get; private set; }

    public int InFlight => running.Count;

    public int Compensating { get; private set; }

    /// <summary>Sagas whose effects changed since the monitor last looked.</summary>
    public IReadOnlyCollection<int> Dirty => dirty;

    public IEnumerable<SagaTrace> Running => running.Select(n => traces[n]);

    /// <summary>The unfinished saga that started first (sagas are numbered in the order they start).</summary>
    public SagaTrace? OldestRunning => running.Count == 0 ? null : traces[running.Min];

    public SagaTrace? Find(int number) => traces.GetValueOrDefault(number);

    /// <summary>The newest sagas first, unfinished or not.</summary>
    public IEnumerable<SagaTrace> Newest(int count) => traces.Keys.OrderDescending().Take(count).Select(n => traces[n]);

    public void ClearDirty() => dirty.Clear();

    internal void Start(Order order, TimeSpan now)
    {
        traces[order.Number] = new SagaTrace(order, now);
        running.Add(order.Number);
        Started++;
    }

    internal void StepRunning(int number, int step)
    {
        if (Find(number) is { IsFinished: false } trace && trace.Steps[step - 1] is StepState.Pending or StepState.Running)
        {
            trace.Steps[step - 1] = StepState.Running;
            trace.Attempts[step - 1]++;
        }
    }

    internal void CompensationRunning(int number, int step)
    {
        if (Find(number) is { IsFinished: false } trace && trace.Compensations[step - 1] is StepState.Pending or StepState.Running)
        {
            trace.Compensations[step - 1] = StepState.Running;
        }
    }

    /// <summary>A service applied a step's effect (the first time, or again when it is not idempotent).</summary>
    internal void StepDone(int number, int step, TimeSpan now)
    {
        if (Find(number) is not { } trace)
        {
            return;
        }
        dirty.Add(number);
        switch (step)
        {
            case 1: trace.Placements++; break;
            case 2: trace.Charges++; break;
            case 3: trace.Reservations++; break;
            case 4: trace.Shipments++; break;
        }
        if (trace.Status != SagaStatus.Running || trace.Steps[step - 1] == StepState.Done)
        {
            return;
        }
        trace.Steps[step - 1] = StepState.Done;
        if (step == SagaPattern.Steps.Count)
        {
            Finish(trace, SagaStatus.Completed, now);
        }
    }

    internal void StepRefused(int number, int step, TimeSpan now)
    {
        if (Find(number) is not { Status: SagaStatus.Running } trace || trace.Steps[step - 1] == StepState.Done)
        {
            return;
        }
        trace.Steps[step - 1] = StepState.Failed;
        trace.FailedAt = step;
        for (int later = step; later < trace.Steps.Length; later++)
        {
            trace.Steps[later] = StepState.Skipped;
        }
        for (int c = step; c <= trace.Compensations.Length; c++)
        {
            trace.Compensations[c - 1] = StepState.Skipped;
        }
        if (step == 1)
        {
            Finish(trace, SagaStatus.Compensated, now); // nothing was done, so nothing is to undo
            return;
        }
        trace.Status = SagaStatus.Compensating;
        Compensating++;
    }

    internal void CompensationDone(int number, int step, TimeSpan now)
    {
        if (Find(number) is not { } trace)
        {
            return;
        }
        dirty.Add(number);
        switch (step)
        {
            case 1: trace.Cancellations++; break;
            case 2: trace.Refunds++; break;
            case 3: trace.Releases++; break;
        }
        if (trace.Status != SagaStatus.Compensating || trace.Compensations[step - 1] == StepState.Done)
        {
            return;
        }
        trace.Compensations[step - 1] = StepState.Done;
        trace.CompensationOrder.Add(step);
        if (step == 1)
        {
            Finish(trace, SagaStatus.Compensated, now);
        }
    }

    internal void CompensationStuck(int number, int step, string reason, TimeSpan now)
    {
        if (Find(number) is { Status: SagaStatus.Compensating } trace)
        {
            trace.Compensations[step - 1] = StepState.Failed;
            trace.StuckReason = reason;
            Finish(trace, SagaStatus.Stuck, now);
        }
    }

    /// <summary>"No compensations": the saga stops where it failed, with its earlier steps still in force.</summary>
    internal void Abandon(int number, TimeSpan now)
    {
        if (Find(number) is { IsFinished: false } trace)
        {
            for (int c = 0; c < trace.Compensations.Length; c++)
            {
                if (trace.Compensations[c] is StepState.Pending or StepState.Running)
                {
                    trace.Compensations[c] = StepState.Skipped;
                }
            }
            Finish(trace, SagaStatus.Abandoned, now);
        }
    }

    private void Finish(SagaTrace trace, SagaStatus status, TimeSpan now)
    {
        if (trace.Status == SagaStatus.Compensating)
        {
            Compensating--;
        }
        trace.Status = status;
        trace.Ended = now;
        running.Remove(trace.Order.Number);
        dirty.Add(trace.Order.Number);
        switch (status)
        {
            case SagaStatus.Completed: Completed++; break;
            case SagaStatus.Compensated: Compensated++; break;
            case SagaStatus.Stuck: Stuck++; break;
            case SagaStatus.Abandoned: Abandoned++; break;
        }
        finishedOrder.Enqueue(trace.Order.Number);
        if (finishedOrder.Count > FinishedKept)
        {
            traces.Remove(finishedOrder.Dequeue());
        }
    }
}
