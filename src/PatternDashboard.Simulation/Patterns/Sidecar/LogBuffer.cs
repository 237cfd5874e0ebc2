namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// A bounded buffer of log lines, kept as a range of sequence numbers: the lines not yet acknowledged by the log store.
/// When full it drops the new line and counts it; old lines leave only when the store has them. On the pod's shared
/// volume it outlives a sidecar's crash; in the app's memory (break it) it dies with the process, and what it held is
/// lost.
/// </summary>
public sealed class LogBuffer(string source, int capacity)
{
    private long nextSeq = 1;

    public string Source { get; } = source;

    public int Capacity { get; } = capacity;

    /// <summary>The oldest line not yet acknowledged.</summary>
    public long First { get; private set; } = 1;

    public long LastSeq => nextSeq - 1;

    public int Count => (int)(nextSeq - First);

    /// <summary>Lines the app asked to write, kept or not.</summary>
    public long Written { get; private set; }

    /// <summary>New lines refused because the buffer was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Lines that vanished with the memory that held them.</summary>
    public long Lost { get; private set; }

    /// <summary>Writes one line; false (and counted) when the buffer is full: the new line is dropped, never an old one.</summary>
    public bool Write()
    {
        Written++;
        if (Count >= Capacity)
        {
            Dropped++;
            return false;
        }
        nextSeq++;
        return true;
    }

    /// <summary>Up to <paramref name="max"/> lines from the oldest unacknowledged one.</summary>
    public (long First, int Count) Peek(int max) => (First, Math.Min(Count, max));

    /// <summary>The store holds every line up to <paramref name="upTo"/>: they leave the buffer.</summary>
    public void Acknowledge(long upTo) => First = Math.Clamp(upTo + 1, First, nextSeq);

    /// <summary>The memory holding the buffer is gone (the app's process ended): every line in it is lost.</summary>
    public void LoseAll()
    {
        Lost += Count;
        First = nextSeq;
    }
}
