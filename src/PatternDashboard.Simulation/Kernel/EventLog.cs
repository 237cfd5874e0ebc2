namespace PatternDashboard.Simulation.Kernel;

/// <summary>One structured entry of a simulation's event log.</summary>
/// <param name="Sequence">Position in the whole run, starting at 1; it keeps counting after old entries are dropped.</param>
/// <param name="Time">Simulated time of the entry.</param>
/// <param name="Node">The node it concerns, or null for the whole cluster.</param>
/// <param name="Kind">A short stable category such as "election", "vote", "fault".</param>
public sealed record SimulationEvent(long Sequence, TimeSpan Time, string? Node, string Kind, string Text)
{
    public double TimeSeconds => Time.TotalSeconds;
}

/// <summary>A bounded ring buffer of events: a session that runs for a week keeps only the newest entries.</summary>
public sealed class EventLog
{
    private SimulationEvent?[] ring;
    private readonly SimulationClock clock;
    private long nextSequence = 1;
    // No entry below this sequence is held; it rises when a resize drops entries.
    private long oldestKept = 1;

    public EventLog(SimulationClock clock, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.clock = clock;
        ring = new SimulationEvent?[capacity];
    }

    public int Capacity => ring.Length;

    /// <summary>Entries currently held (at most <see cref="Capacity"/>).</summary>
    public int Count => (int)Math.Min(nextSequence - oldestKept, ring.Length);

    /// <summary>Sequence number of the newest entry, or 0 when empty.</summary>
    public long LastSequence => nextSequence - 1;

    public SimulationEvent Append(string? node, string kind, string text)
    {
        var entry = new SimulationEvent(nextSequence, clock.Now, node, kind, text);
        ring[(nextSequence - 1) % ring.Length] = entry;
        nextSequence++;
        return entry;
    }

    /// <summary>Held entries with a sequence above <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<SimulationEvent> After(long afterSequence, int max = int.MaxValue)
    {
        long first = Math.Max(afterSequence + 1, nextSequence - Count);
        long count = Math.Min(nextSequence - first, max);
        if (count <= 0)
        {
            return [];
        }
        var result = new SimulationEvent[count];
        for (long i = 0; i < count; i++)
        {
            result[i] = ring[(first + i - 1) % ring.Length]!;
        }
        return result;
    }

    public IReadOnlyList<SimulationEvent> All() => After(0);

    /// <summary>Changes how many entries are kept, keeping the newest; sequence numbers go on unchanged.</summary>
    public void Resize(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var kept = After(0).Skip(Math.Max(0, Count - capacity)).ToArray();
        ring = new SimulationEvent?[capacity];
        foreach (var entry in kept)
        {
            ring[(entry.Sequence - 1) % capacity] = entry;
        }
        oldestKept = kept.Length > 0 ? kept[0].Sequence : nextSequence;
    }
}
