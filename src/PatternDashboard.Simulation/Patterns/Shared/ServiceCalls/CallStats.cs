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

    private const int Outcomes = 5;

    // Bucket b's count for outcome k is at b * Outcomes + k.
    private readonly long[] counts = new long[Buckets * Outcomes];
    private readonly long[] bucketIndex = new long[Buckets];
    private readonly double[] latencies = new double[LatencySamples];
    // The same samples, kept in order as they come and go: percentiles are read four times a simulated second.
    private readonly double[] sortedLatencies = new double[LatencySamples];
    private readonly long[] totals = new long[Outcomes];
    private int latencyCount;
    private int latencyNext;
    // Monitors ask the same window after every event, and most events add nothing: the last answer is kept until an Add.
    private long version;
    private (long First, long Last, long Version, OutcomeCounts Counts) lastOver = (-1, -1, -1, default);

    public OutcomeCounts Total => new(totals[0], totals[1], totals[2], totals[3], totals[4]);

    public void Add(TimeSpan now, CallOutcome outcome)
    {
        long index = now.Ticks / BucketWidth.Ticks;
        int slot = (int)(index % Buckets);
        if (bucketIndex[slot] != index)
        {
            bucketIndex[slot] = index;
            counts.AsSpan(slot * Outcomes, Outcomes).Clear();
        }
        counts[slot * Outcomes + (int)outcome]++;
        totals[(int)outcome]++;
        version++;
    }

    public void AddLatency(TimeSpan latency)
    {
        double value = latency.TotalMilliseconds;
        if (latencyCount == LatencySamples)
        {
            // The oldest sample leaves the sorted copy as it leaves the ring.
            int oldest = sortedLatencies.AsSpan(0, latencyCount).BinarySearch(latencies[latencyNext]);
            sortedLatencies.AsSpan(oldest + 1, latencyCount - oldest - 1).CopyTo(sortedLatencies.AsSpan(oldest));
            latencyCount--;
        }
        int at = sortedLatencies.AsSpan(0, latencyCount).BinarySearch(value);
        at = at < 0 ? ~at : at;
        sortedLatencies.AsSpan(at, latencyCount - at).CopyTo(sortedLatencies.AsSpan(at + 1));
        sortedLatencies[at] = value;
        latencyCount++;
        latencies[latencyNext] = value;
        latencyNext = (latencyNext + 1) % LatencySamples;
    }

    /// <summary>Counts over the window that ends now (whole buckets, at most one minute).</summary>
    public OutcomeCounts Over(TimeSpan now, TimeSpan window)
    {
        long last = now.Ticks / BucketWidth.Ticks;
        long first = Math.Max(0, last - Math.Clamp((long)Math.Ceiling(window / BucketWidth), 1, Buckets) + 1);
        if (lastOver.First == first && lastOver.Last == last && lastOver.Version == version)
        {
            return lastOver.Counts;
        }
        // Monitors ask after every event: no allocation here.
        long success = 0, failure = 0, rejected = 0, fallback = 0, noSlot = 0;
        for (long index = first; index <= last; index++)
        {
            int slot = (int)(index % Buckets);
            if (bucketIndex[slot] == index)
            {
                var bucket = counts.AsSpan(slot * Outcomes, Outcomes);
                success += bucket[0];
                failure += bucket[1];
                rejected += bucket[2];
                fallback += bucket[3];
                noSlot += bucket[4];
            }
        }
        var sum = new OutcomeCounts(success, failure, rejected, fallback, noSlot);
        lastOver = (first, last, version, sum);
        return sum;
    }

    public LatencyPercentiles Percentiles()
    {
        if (latencyCount == 0)
        {
            return new LatencyPercentiles(0, 0, 0, 0);
        }
        ReadOnlySpan<double> sorted = sortedLatencies.AsSpan(0, latencyCount);
        return new LatencyPercentiles(Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), latencyCount);
    }

    // Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.
    private static double Rank(ReadOnlySpan<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
