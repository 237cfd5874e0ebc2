namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>
/// A retry budget in the manner of Finagle and Linkerd: over the last 10 s, retries may add at most a share of the
/// requests, plus a small allowance so a quiet service can still retry. It bounds how much an outage multiplies load.
/// </summary>
public sealed class RetryBudget(double share, int allowance = 10)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private const int Buckets = 10;

    private readonly long[] requests = new long[Buckets];
    private readonly long[] retries = new long[Buckets];
    private readonly long[] bucketSecond = new long[Buckets];

    public double Share { get; } = share;

    public int Allowance { get; } = allowance;

    public long Refused { get; private set; }

    public void RecordRequest(TimeSpan now) => Bucket(now, requests)++;

    /// <summary>Takes one retry from the budget; false (and counted as refused) when it is spent.</summary>
    public bool TryRetry(TimeSpan now)
    {
        var (requested, retried) = Totals(now);
        if (retried >= Share * requested + Allowance)
        {
            Refused++;
            return false;
        }
        Bucket(now, retries)++;
        return true;
    }

    public (long Requests, long Retries) Totals(TimeSpan now)
    {
        long second = (long)now.TotalSeconds;
        long r = 0, t = 0;
        for (int i = 0; i < Buckets; i++)
        {
            if (second - bucketSecond[i] < Buckets)
            {
                r += requests[i];
                t += retries[i];
            }
        }
        return (r, t);
    }

    private ref long Bucket(TimeSpan now, long[] counts)
    {
        long second = (long)now.TotalSeconds;
        int slot = (int)(second % Buckets);
        if (bucketSecond[slot] != second)
        {
            bucketSecond[slot] = second;
            requests[slot] = 0;
            retries[slot] = 0;
        }
        return ref counts[slot];
    }
}
