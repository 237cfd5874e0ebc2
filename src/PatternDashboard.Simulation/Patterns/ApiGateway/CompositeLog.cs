using PatternDashboard.Simulation.Patterns.Shared.Queueing;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>One backend call of a summary: when it ended, counted from the summary's start, and how.</summary>
/// <param name="Required">The summary fails without it (users, orders); without an optional part it is only partial.</param>
public sealed record CompositePart(string Service, bool Required, double StartMs, double EndMs, string Outcome)
{
    public const string Answered = "answered";
    public const string Failed = "failed";
    public const string TimedOut = "timed out";
}

/// <summary>One summary the gateway assembled: its status and its parts, for the waterfall.</summary>
public sealed record CompositeRecord(double At, int Status, double LatencyMs, IReadOnlyList<CompositePart> Parts);

/// <summary>
/// The summaries of the run in fixed memory: counts by status, a latency histogram, and the means of the total, the
/// slowest part and the sum of the parts, which shows that a parallel fan-out costs the slowest call, not all of them.
/// </summary>
public sealed class CompositeLog
{
    private readonly LatencyHistogram latency = new();
    private double slowestSum, partsSum;

    public long Full { get; private set; }

    public long Partial { get; private set; }

    public long Failed { get; private set; }

    public long Count => Full + Partial + Failed;

    public CompositeRecord? Last { get; private set; }

    public double P50Ms => latency.PercentileMs(0.5);

    public double P99Ms => latency.PercentileMs(0.99);

    public double MeanMs => latency.MeanMs;

    public double MeanSlowestPartMs => Count == 0 ? 0 : slowestSum / Count;

    /// <summary>What the summary would cost on average if the gateway called the services one after another.</summary>
    public double MeanSumOfPartsMs => Count == 0 ? 0 : partsSum / Count;

    public void Add(CompositeRecord record)
    {
        Last = record;
        latency.Add(TimeSpan.FromMilliseconds(record.LatencyMs));
        slowestSum += record.Parts.Max(p => p.EndMs - p.StartMs);
        partsSum += record.Parts.Sum(p => p.EndMs - p.StartMs);
        switch (record.Status)
        {
            case HttpStatus.Ok:
                Full++;
                break;
            case HttpStatus.Partial:
                Partial++;
                break;
            default:
                Failed++;
                break;
        }
    }
}

/// <summary>What one route did: requests refused (401) and limited (429) before routing, those passed on and how they ended.</summary>
public sealed class RouteBook
{
    private readonly RollingCounter rate = new(4);

    public long Ok { get; private set; }

    public long Partial { get; private set; }

    public long Failed { get; private set; }

    public long Forwarded { get; set; }

    public long Refused { get; set; }

    public long Limited { get; set; }

    public double PerSecond { get; private set; }

    public void Count(int status)
    {
        switch (status)
        {
            case HttpStatus.Ok:
                Ok++;
                break;
            case HttpStatus.Partial:
                Partial++;
                break;
            default:
                Failed++;
                break;
        }
    }

    public void Sample() => PerSecond = rate.Add(Forwarded);
}
