namespace PatternDashboard.LoadTool;

/// <summary>
/// Counts values (milliseconds, bytes) in whole-unit buckets up to a bound, so memory stays fixed however many
/// samples arrive; larger values land in the last bucket. Thread-safe for concurrent recorders.
/// </summary>
internal sealed class LatencyHistogram
{
    private readonly long[] buckets;
    private long count;
    private long max;

    public LatencyHistogram(int maxValue = 30_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValue, 1);
        buckets = new long[maxValue + 1];
    }

    public long Count => Interlocked.Read(ref count);

    /// <summary>The largest value recorded, unclipped.</summary>
    public long Max => Interlocked.Read(ref max);

    public void Record(long value)
    {
        long clipped = Math.Clamp(value, 0, buckets.Length - 1);
        Interlocked.Increment(ref buckets[clipped]);
        Interlocked.Increment(ref count);
        long seen;
        while (value > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }

    /// <summary>Nearest-rank percentile (p in 0..100): the smallest value with at least p% of samples at or below it; null when empty.</summary>
    public long? Percentile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        long total = Count;
        if (total == 0)
        {
            return null;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(p / 100 * total));
        long cumulative = 0;
        for (int value = 0; value < buckets.Length; value++)
        {
            cumulative += Interlocked.Read(ref buckets[value]);
            if (cumulative >= rank)
            {
                return value;
            }
        }
        return buckets.Length - 1;
    }
}
