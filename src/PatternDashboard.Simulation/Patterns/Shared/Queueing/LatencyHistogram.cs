namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>
/// Latencies in fixed memory for a run of any length: buckets 1 % wide on a log scale from 0.01 ms to about 3 hours,
/// so a percentile is within 0.5 % of the true one, and an exact sum for the mean.
/// </summary>
public sealed class LatencyHistogram
{
    private const double SmallestMs = 0.01;
    private static readonly double LogStep = Math.Log(1.01);
    public const int BucketCount = 2100;

    private readonly long[] buckets = new long[BucketCount];

    public long Count { get; private set; }

    public double SumMs { get; private set; }

    public double MaxMs { get; private set; }

    public double MeanMs => Count == 0 ? 0 : SumMs / Count;

    public void Add(TimeSpan latency)
    {
        double ms = Math.Max(0, latency.TotalMilliseconds);
        buckets[IndexOf(ms)]++;
        Count++;
        SumMs += ms;
        MaxMs = Math.Max(MaxMs, ms);
    }

    /// <summary>Adds every sample of another histogram (to total several servers).</summary>
    public void AddAll(LatencyHistogram other)
    {
        for (int i = 0; i < BucketCount; i++)
        {
            buckets[i] += other.buckets[i];
        }
        Count += other.Count;
        SumMs += other.SumMs;
        MaxMs = Math.Max(MaxMs, other.MaxMs);
    }

    /// <summary>The nearest-rank percentile (0 to 1) in ms, as the middle of its bucket; 0 when empty.</summary>
    public double PercentileMs(double p)
    {
        if (Count == 0)
        {
            return 0;
        }
        long rank = Math.Clamp((long)Math.Ceiling(p * Count), 1, Count);
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return Math.Min(MaxMs, i == 0 ? SmallestMs : SmallestMs * Math.Exp((i + 0.5) * LogStep));
            }
        }
        return MaxMs;
    }

    public void Clear()
    {
        Array.Clear(buckets);
        Count = 0;
        SumMs = 0;
        MaxMs = 0;
    }

    private static int IndexOf(double ms) =>
        ms <= SmallestMs ? 0 : Math.Min(BucketCount - 1, (int)(Math.Log(ms / SmallestMs) / LogStep));
}
