namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>
/// The growth of a running total over the last few samples, such as answers per second from an answer count taken
/// every 250 ms. Fixed memory.
/// </summary>
public sealed class RollingCounter(int samples)
{
    private readonly double[] totals = new double[samples + 1];
    private int next;
    private int filled;

    /// <summary>Notes the running total now; returns its growth over the samples kept (fewer at the start).</summary>
    public double Add(double total)
    {
        totals[next] = total;
        next = (next + 1) % totals.Length;
        filled = Math.Min(filled + 1, totals.Length);
        int oldest = filled < totals.Length ? 0 : next;
        return total - totals[oldest];
    }

    public void Clear()
    {
        next = 0;
        filled = 0;
    }
}
