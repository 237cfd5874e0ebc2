namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>How one request or call ended, as counted on a dashboard.</summary>
public enum CallOutcome
{
    /// <summary>The service answered well.</summary>
    Success,

    /// <summary>The service answered with an error, or did not answer in time.</summary>
    Failure,

    /// <summary>A policy refused to call the service (an open circuit).</summary>
    Rejected,

    /// <summary>A stand-in answer was served instead of the service's.</summary>
    Fallback,

    /// <summary>The caller had no free slot in time, so the request never left.</summary>
    NoSlot,
}

/// <summary>Totals per outcome over a stretch of time.</summary>
public readonly record struct OutcomeCounts(long Success, long Failure, long Rejected, long Fallback, long NoSlot)
{
    /// <summary>Requests that reached the service and came back (or timed out).</summary>
    public long Completed => Success + Failure;

    /// <summary>Every request the caller made for this service, whatever became of it.</summary>
    public long Requests => Success + Failure + Rejected + NoSlot;

    /// <summary>Failures among completed calls, 0 to 1 (0 when there were none).</summary>
    public double ErrorRatio => Completed == 0 ? 0 : (double)Failure / Completed;

    /// <summary>
    /// Requests that got the service's real answer among those the caller tried to send, 0 to 1 (1 when there were
    /// none). Requests a breaker refused are left out: that is a policy's decision, not a failure to serve.
    /// </summary>
    public double ServedRatio => Success + Failure + NoSlot == 0 ? 1 : (double)Success / (Success + Failure + NoSlot);

    /// <summary>Requests that got the service's real answer, 0 to 1 (1 when there were none).</summary>
    public double SuccessRatio => Requests == 0 ? 1 : (double)Success / Requests;
}

/// <summary>Latency percentiles in milliseconds over the latest calls.</summary>
public sealed record LatencyPercentiles(double P50, double P90, double P99, int Samples);

/// <summary>
/// Outcome counters for one service, in 250 ms buckets over the last minute (bounded memory), plus the latest
/// call latencies for percentiles.
/// </summary>
public sealed class CallStats
{
    public static readonly TimeSpan BucketWidth = TimeSpan.FromMilliseconds(250);
    public const int Buckets = 240;
    public const int LatencySamples = 512;

    private readonly long[,] counts = new long[Buckets, 5];
    private readonly long[] bucketIndex = new long[Buckets];
    private readonly double[] latencies = new double[LatencySamples];
    private readonly long[] totals = new long[5];
    private int latencyCount;
    private int latencyNext;

    public OutcomeCounts Total => new(totals[0], totals[1], totals[2], totals[3], totals[4]);

    public void Add(TimeSpan now, CallOutcome outcome)
    {
        long index = now.Ticks / BucketWidth.Ticks;
        int slot = (int)(index % Buckets);
        if (bucketIndex[slot] != index)
        {
            bucketIndex[slot] = index;
            for (int k = 0; k < 5; k++)
            {
                counts[slot, k] = 0;
            }
        }
        counts[slot, (int)outcome]++;
        totals[(int)outcome]++;
    }

    public void AddLatency(TimeSpan latency)
    {
        latencies[latencyNext] = latency.TotalMilliseconds;
        latencyNext = (latencyNext + 1) % LatencySamples;
        latencyCount = Math.Min(latencyCount + 1, LatencySamples);
    }

    /// <summary>Counts over the window that ends now (whole buckets, at most one minute).</summary>
    public OutcomeCounts Over(TimeSpan now, TimeSpan window)
    {
        long last = now.Ticks / BucketWidth.Ticks;
        long first = Math.Max(0, last - Math.Clamp((long)Math.Ceiling(window / BucketWidth), 1, Buckets) + 1);
        // Monitors ask after every event: no allocation here.
        Span<long> sum = stackalloc long[5];
        for (long index = first; index <= last; index++)
        {
            int slot = (int)(index % Buckets);
            if (bucketIndex[slot] == index)
            {
                for (int k = 0; k < 5; k++)
                {
                    sum[k] += counts[slot, k];
                }
            }
        }
        return new OutcomeCounts(sum[0], sum[1], sum[2], sum[3], sum[4]);
    }

    public LatencyPercentiles Percentiles()
    {
        if (latencyCount == 0)
        {
            return new LatencyPercentiles(0, 0, 0, 0);
        }
        var sorted = latencies.AsSpan(0, latencyCount).ToArray();
        Array.Sort(sorted);
        return new LatencyPercentiles(Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), latencyCount);
    }

    // Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.
    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
