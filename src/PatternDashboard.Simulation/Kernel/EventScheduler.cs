namespace PatternDashboard.Simulation.Kernel;

/// <summary>Identifies a scheduled event so it can be cancelled. The default value is "nothing scheduled".</summary>
public readonly struct EventHandle
{
    internal EventHandle(EventScheduler.Entry entry, long sequence)
    {
        Entry = entry;
        Sequence = sequence;
    }

    internal EventScheduler.Entry? Entry { get; }

    internal long Sequence { get; }

    /// <summary>True while the event waits to run (it has neither run nor been cancelled).</summary>
    public bool IsPending => Entry is { } entry && entry.Sequence == Sequence && !entry.Cancelled;
}

/// <summary>
/// A discrete-event scheduler: events run in (time, sequence) order, so events at the same simulated
/// time run in the order they were scheduled and every run with the same inputs is identical.
/// </summary>
public sealed class EventScheduler
{
    private readonly PriorityQueue<Entry, (long Ticks, long Sequence)> queue = new();
    // Entries are reused so that steady-state scheduling does not allocate; a handle checks the sequence.
    private readonly Stack<Entry> pool = new();
    private readonly List<(Entry Element, (long Ticks, long Sequence) Priority)> survivors = [];
    private long nextSequence = 1;
    private int cancelledCount;

    public EventScheduler() => Clock = new SimulationClock(this);

    public SimulationClock Clock { get; }

    /// <summary>How many events have run since the start; with the clock it pins an exact point of a run.</summary>
    public long ExecutedCount { get; private set; }

    /// <summary>Events waiting, cancelled ones included until they reach the head of the queue.</summary>
    public int PendingCount => queue.Count - cancelledCount;

    /// <summary>Called after every event, for invariant monitors.</summary>
    public event Action? EventExecuted;

    public EventHandle Schedule(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        long sequence = nextSequence++;
        long ticks = (Clock.Now + delay).Ticks;
        var entry = pool.Count > 0 ? pool.Pop() : new Entry();
        entry.Sequence = sequence;
        entry.Action = action;
        entry.Cancelled = false;
        queue.Enqueue(entry, (ticks, sequence));
        return new EventHandle(entry, sequence);
    }

    /// <summary>Cancels a pending event; cancelling one that already ran or was cancelled does nothing.</summary>
    public void Cancel(EventHandle handle)
    {
        if (handle.IsPending)
        {
            handle.Entry!.Cancelled = true;
            cancelledCount++;
            // Cancelled entries leave the queue when they reach its head; when they outnumber the live ones
            // (a long timeout re-armed again and again) sweep them out, so the queue stays within about twice the live events.
            if (cancelledCount > 32 && cancelledCount > queue.Count / 2)
            {
                DropAllCancelled();
            }
        }
    }

    /// <summary>The time of the next event that will run, or null when nothing is scheduled.</summary>
    public TimeSpan? NextEventTime
    {
        get
        {
            DropCancelledHead();
            return queue.TryPeek(out _, out var key) ? TimeSpan.FromTicks(key.Ticks) : null;
        }
    }

    /// <summary>Runs the next event, moving the clock to its time. Returns false when nothing is scheduled.</summary>
    public bool Step()
    {
        using var inline = InlineContinuations.Enter();
        return StepInline();
    }

    private bool StepInline()
    {
        DropCancelledHead();
        if (!queue.TryDequeue(out var next, out var key))
        {
            return false;
        }
        Clock.AdvanceTo(TimeSpan.FromTicks(key.Ticks));
        ExecutedCount++;
        var action = next.Action!;
        Recycle(next);
        action();
        EventExecuted?.Invoke();
        return true;
    }

    /// <summary>Runs every event due at or before <paramref name="time"/>, then moves the clock to it.</summary>
    public void RunUntil(TimeSpan time)
    {
        using var inline = InlineContinuations.Enter();
        while (NextEventTime is { } next && next <= time)
        {
            StepInline();
        }
        if (time > Clock.Now)
        {
            Clock.AdvanceTo(time);
        }
    }

    /// <summary>Runs events until exactly <paramref name="executedCount"/> have run, then moves the clock to <paramref name="time"/>.</summary>
    public void RunToPoint(long executedCount, TimeSpan time)
    {
        using var inline = InlineContinuations.Enter();
        while (ExecutedCount < executedCount && StepInline())
        {
        }
        if (ExecutedCount != executedCount)
        {
            throw new InvalidOperationException($"The run ended after {ExecutedCount} events, before event {executedCount}.");
        }
        if (NextEventTime is { } next && next < time)
        {
            throw new InvalidOperationException($"An event at {next} is due before the recorded input time {time}.");
        }
        if (time > Clock.Now)
        {
            Clock.AdvanceTo(time);
        }
    }

    private void DropCancelledHead()
    {
        while (cancelledCount > 0 && queue.TryPeek(out var head, out _) && head.Cancelled)
        {
            queue.Dequeue();
            cancelledCount--;
            Recycle(head);
        }
    }

    private void DropAllCancelled()
    {
        foreach (var (entry, priority) in queue.UnorderedItems)
        {
            if (entry.Cancelled)
            {
                Recycle(entry);
            }
            else
            {
                survivors.Add((entry, priority));
            }
        }
        queue.Clear();
        queue.EnqueueRange(survivors);
        survivors.Clear();
        cancelledCount = 0;
    }

    private void Recycle(Entry entry)
    {
        entry.Sequence = 0;
        entry.Action = null;
        entry.Cancelled = false;
        pool.Push(entry);
    }

    internal sealed class Entry
    {
        public long Sequence;
        public Action? Action;
        public bool Cancelled;
    }
}
