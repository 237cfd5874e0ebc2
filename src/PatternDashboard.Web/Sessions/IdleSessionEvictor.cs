using PatternDashboard.Web.Hosting;

namespace PatternDashboard.Web.Sessions;

/// <summary>Once a minute, closes the sessions that nobody watched or used for <see cref="SessionLimits.IdleEvictionMinutes"/>.</summary>
public sealed class IdleSessionEvictor(SessionManager sessions, TimeProvider time, ILogger<IdleSessionEvictor> logger) : PeriodicSweep(time, logger)
{
    protected override string What => "Evicting idle sessions";

    protected override void Sweep() => sessions.EvictIdle();
}
