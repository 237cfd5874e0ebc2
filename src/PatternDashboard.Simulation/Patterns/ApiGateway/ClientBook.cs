using PatternDashboard.Simulation.Patterns.Shared.Queueing;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// Everything counted about one client: what the gateway decided, what the client got back, and every request of
/// its that went on to the services, checked against the limiter in force. Fixed memory.
/// </summary>
public sealed class ClientBook(ApiGatewaySettings settings)
{
    /// <summary>The short span over which the peak burst is measured: where a fixed window and a bucket differ most.</summary>
    public static readonly TimeSpan PeakSpan = TimeSpan.FromMilliseconds(500);

    /// <summary>Bucket levels kept, one per metric sample (30 s).</summary>
    public const int LevelSamples = 120;

    // Slack for the bucket's floating-point refill: a bound of b + r*t compared in doubles.
    private const double Epsilon = 1e-6;

    private readonly double[] levels = new double[LevelSamples];
    private readonly Queue<TimeSpan> recent = new();
    private readonly RollingCounter sentRate = new(4), allowedRate = new(4), limitedRate = new(4), refusedRate = new(4);
    private int levelCount, levelNext;
    // The most requests passed over any interval ending at the last pass, less the bucket's refill over it (Lindley's recursion).
    private double burst;
    private TimeSpan? lastPass;
    private long window = -1;
    private int inWindow;

    public long Allowed { get; set; }

    public long Limited { get; set; }

    public long Refused { get; set; }

    public long Sent { get; set; }

    public long Ok { get; set; }

    public long Partial { get; set; }

    public long Failed { get; set; }

    public long TimedOut { get; set; }

    /// <summary>Requests of this client that went on to the services, through a gateway or (break it) directly.</summary>
    public long Passed { get; private set; }

    /// <summary>Passes beyond the limiter's bound; the monitor expects none.</summary>
    public long OverLimit { get; private set; }

    public TimeSpan? LastOverLimitAt { get; private set; }

    public string? LastOverLimit { get; private set; }

    /// <summary>The most passes seen within any <see cref="PeakSpan"/> since the limiter was set.</summary>
    public int PeakInSpan { get; private set; }

    public double SentPerSecond { get; private set; }

    public double AllowedPerSecond { get; private set; }

    public double LimitedPerSecond { get; private set; }

    public double RefusedPerSecond { get; private set; }

    /// <summary>Limiter levels of the last 30 s, oldest first.</summary>
    public IReadOnlyList<double> Levels
    {
        get
        {
            var list = new double[levelCount];
            int oldest = levelCount < LevelSamples ? 0 : levelNext;
            for (int i = 0; i < levelCount; i++)
            {
                list[i] = levels[(oldest + i) % LevelSamples];
            }
            return list;
        }
    }

    /// <summary>
    /// Notes a request that goes on to the services now and checks it against the bound of the limiter in force: for a
    /// bucket, at most capacity + rate x t over every interval t; for a fixed window, at most its limit in each window.
    /// </summary>
    public void NotePass(TimeSpan now, LimiterKind kind, long windowNumber)
    {
        Passed++;
        recent.Enqueue(now);
        while (now - recent.Peek() > PeakSpan)
        {
            recent.Dequeue();
        }
        PeakInSpan = Math.Max(PeakInSpan, recent.Count);
        burst = lastPass is { } last ? Math.Max(1, burst + 1 - settings.RefillPerSecond * (now - last).TotalSeconds) : 1;
        lastPass = now;
        if (windowNumber != window)
        {
            (window, inWindow) = (windowNumber, 0);
        }
        inWindow++;
        string? over = kind switch
        {
            LimiterKind.TokenBucket when burst > settings.BucketCapacity + Epsilon =>
                $"{Math.Ceiling(burst - Epsilon)} requests within a stretch where the bucket allows {settings.BucketCapacity} plus {settings.RefillPerSecond:0.##} per s",
            LimiterKind.FixedWindow when inWindow > settings.WindowLimit =>
                $"{inWindow} requests in one {settings.Window.TotalSeconds:0.##} s window whose limit is {settings.WindowLimit}",
            _ => null,
        };
        if (over is not null)
        {
            OverLimit++;
            LastOverLimitAt = now;
            LastOverLimit = over;
        }
    }

    /// <summary>A new limiter starts a new account: what the old one let through is not the new one's to bound.</summary>
    public void ResetLimit()
    {
        burst = 0;
        lastPass = null;
        window = -1;
        inWindow = 0;
        recent.Clear();
        PeakInSpan = 0;
    }

    /// <summary>Takes one metric sample: rates over the last second and the limiter's level.</summary>
    public void Sample(double level)
    {
        SentPerSecond = sentRate.Add(Sent);
        AllowedPerSecond = allowedRate.Add(Allowed);
        LimitedPerSecond = limitedRate.Add(Limited);
        RefusedPerSecond = refusedRate.Add(Refused);
        levels[levelNext] = Math.Round(level, 2);
        levelNext = (levelNext + 1) % LevelSamples;
        levelCount = Math.Min(levelCount + 1, LevelSamples);
    }
}
