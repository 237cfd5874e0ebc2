using System.Threading.RateLimiting;

namespace PatternDashboard.Simulation.Patterns.Shared.RateLimiting;

/// <summary>
/// A fixed-window counter: at most <see cref="Limit"/> requests in each window of <see cref="Window"/>, the windows
/// aligned on the clock's time zero, the count starting afresh at every edge. Time comes from a
/// <see cref="TimeProvider"/> for the reason <see cref="ClockedTokenBucket"/> gives. Every window keeps its limit, yet
/// a burst just before an edge and another just after it pass up to twice the limit in a moment.
/// </summary>
public sealed class ClockedFixedWindow : ReplenishingRateLimiter
{
    private readonly TimeProvider clock;
    // Timestamp zero is the clock's time zero, where the first window begins.
    private const long Start = 0;
    private long window = -1;
    private int used;
    private long admitted;
    private long refused;

    public ClockedFixedWindow(TimeProvider clock, int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.clock = clock;
        Limit = limit;
        Window = window;
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>The number of the window the clock is in now (0 for the first).</summary>
    public long CurrentWindow => clock.GetElapsedTime(Start, clock.GetTimestamp()).Ticks / Window.Ticks;

    /// <summary>Requests still allowed in the current window; reading it changes nothing.</summary>
    public int Remaining => CurrentWindow == window ? Limit - used : Limit;

    public override bool IsAutoReplenishing => true;

    public override TimeSpan ReplenishmentPeriod => Window;

    public override TimeSpan? IdleDuration => null;

    public override bool TryReplenish() => false;

    public override RateLimiterStatistics GetStatistics() => new()
    {
        CurrentAvailablePermits = Remaining,
        TotalSuccessfulLeases = admitted,
        TotalFailedLeases = refused,
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        long now = CurrentWindow;
        if (now != window)
        {
            window = now;
            used = 0;
        }
        if (used + permitCount <= Limit)
        {
            used += permitCount;
            admitted++;
            return Lease.Granted;
        }
        refused++;
        var elapsed = clock.GetElapsedTime(Start, clock.GetTimestamp());
        return new Lease(Window * (window + 1) - elapsed);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));
}
