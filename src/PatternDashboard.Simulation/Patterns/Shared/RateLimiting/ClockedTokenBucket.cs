using System.Threading.RateLimiting;

namespace PatternDashboard.Simulation.Patterns.Shared.RateLimiting;

/// <summary>
/// A token bucket of <see cref="Capacity"/> tokens that refills continuously at <see cref="RatePerSecond"/>, reading
/// time from a <see cref="TimeProvider"/> (the simulation's clock). The framework's TokenBucketRateLimiter times its
/// refills by the process's own high-resolution timer even with auto-replenishment off, so on simulated time it would
/// refill by real time; this one is a System.Threading.RateLimiting limiter all the same, so Polly's rate limiter
/// strategy takes it as is.
/// A request is admitted when a whole token is there; over any interval t at most Capacity + RatePerSecond * t pass.
/// </summary>
public sealed class ClockedTokenBucket : ReplenishingRateLimiter
{
    private readonly TimeProvider clock;
    private double tokens;
    private long lastTimestamp;
    private long admitted;
    private long refused;

    public ClockedTokenBucket(TimeProvider clock, double capacity, double ratePerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        this.clock = clock;
        Capacity = capacity;
        RatePerSecond = ratePerSecond;
        tokens = capacity;
        lastTimestamp = clock.GetTimestamp();
    }

    public double Capacity { get; }

    public double RatePerSecond { get; }

    /// <summary>The tokens there now, refill included; reading it changes nothing.</summary>
    public double Tokens => Level(clock.GetTimestamp());

    /// <summary>It refills from the clock whenever it is asked, so there is nothing to call.</summary>
    public override bool IsAutoReplenishing => true;

    /// <summary>The time one token takes to come back.</summary>
    public override TimeSpan ReplenishmentPeriod => TimeSpan.FromSeconds(1 / RatePerSecond);

    public override TimeSpan? IdleDuration => null;

    public override bool TryReplenish() => false;

    public override RateLimiterStatistics GetStatistics() => new()
    {
        CurrentAvailablePermits = (long)Math.Floor(Tokens),
        TotalSuccessfulLeases = admitted,
        TotalFailedLeases = refused,
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        long now = clock.GetTimestamp();
        tokens = Level(now);
        lastTimestamp = now;
        if (permitCount == 0 || tokens >= permitCount)
        {
            tokens -= permitCount;
            admitted++;
            return Lease.Granted;
        }
        refused++;
        return new Lease(TimeSpan.FromSeconds((permitCount - tokens) / RatePerSecond));
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private double Level(long now) => Math.Min(Capacity, tokens + RatePerSecond * clock.GetElapsedTime(lastTimestamp, now).TotalSeconds);
}
