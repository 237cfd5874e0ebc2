using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>
/// Once everything is up and idle (nothing queued, nothing being processed, no call waiting), each service has
/// processed each of its events exactly once in effect: its distinct effects equal the events it was owed.
/// While anything is down or busy it holds by definition; catching up is allowed to take time.
/// </summary>
public sealed class EveryEventOnceMonitor(EventDrivenCluster cluster)
    : InvariantMonitor(MonitorId, "After recovery, once idle, every service has processed every event exactly once")
{
    public const string MonitorId = "every-event-once";

    public override string? Check()
    {
        if (!cluster.IsIdle)
        {
            return null;
        }
        foreach (var stats in cluster.Stats.Subscriptions)
        {
            if (stats.UniqueEffects != stats.Expected || stats.DuplicateEffects > 0)
            {
                return $"{stats.Name} processed {stats.UniqueEffects} distinct events of the {stats.Expected} it was owed" +
                       (stats.DuplicateEffects > 0 ? $", {stats.DuplicateEffects} of them twice." : ".");
            }
        }
        return null;
    }
}
