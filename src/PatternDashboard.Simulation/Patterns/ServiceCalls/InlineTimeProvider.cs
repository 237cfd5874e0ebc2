using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.ServiceCalls;

/// <summary>
/// The simulation's clock as Polly sees it: the same time, and timers that fire from the scheduler, but each timer
/// callback runs inside <see cref="InlineTasks.Inline"/> so that what it completes (a Polly delay, a timeout's
/// cancellation) continues inline on the simulation's thread whatever thread steps the simulation.
/// </summary>
public sealed class InlineTimeProvider(SimulationClock clock) : TimeProvider
{
    public SimulationClock Clock { get; } = clock;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Clock.CreateTimer(static s =>
        {
            var (inner, innerState) = ((TimerCallback, object?))s!;
            using var inline = InlineTasks.Inline();
            inner(innerState);
        }, (callback, state), dueTime, period);
}
