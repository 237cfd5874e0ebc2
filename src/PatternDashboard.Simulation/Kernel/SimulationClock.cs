namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// Virtual time for one simulation. It only moves when the scheduler moves it, so code that takes a
/// <see cref="TimeProvider"/> (Polly included) runs on simulated time.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    /// <summary>Simulated time zero, fixed so that runs are identical wherever they happen.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly EventScheduler scheduler;

    internal SimulationClock(EventScheduler scheduler) => this.scheduler = scheduler;

    /// <summary>Time elapsed since the simulation started.</summary>
    public TimeSpan Now { get; private set; }

    public override DateTimeOffset GetUtcNow() => Epoch + Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new SimulationTimer(scheduler, callback, state, dueTime, period);

    internal void AdvanceTo(TimeSpan time)
    {
        if (time < Now)
        {
            throw new InvalidOperationException($"Simulated time cannot go back from {Now} to {time}.");
        }
        Now = time;
    }

    private sealed class SimulationTimer : ITimer
    {
        private readonly EventScheduler scheduler;
        private readonly TimerCallback callback;
        private readonly object? state;
        // Polly's timeouts re-arm a timer for every call: one delegate for the timer's life, not one per Change.
        private readonly Action fire;
        private EventHandle pending;
        private TimeSpan period;
        private bool disposed;

        public SimulationTimer(EventScheduler scheduler, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            this.scheduler = scheduler;
            this.callback = callback;
            this.state = state;
            fire = Fire;
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Like the system's timers: a disposed timer stays stopped and says so.
            if (disposed)
            {
                return false;
            }
            scheduler.Cancel(pending);
            pending = default;
            this.period = period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                pending = scheduler.Schedule(dueTime, fire);
            }
            return true;
        }

        private void Fire()
        {
            pending = default;
            if (period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
            {
                pending = scheduler.Schedule(period, fire);
            }
            callback(state);
        }

        public void Dispose()
        {
            disposed = true;
            scheduler.Cancel(pending);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
