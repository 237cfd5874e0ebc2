using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>
/// A failure in one service never stops requests that do not use it: every feature whose services are all healthy
/// (no fault aimed at them, a ready instance, for <see cref="MicroservicesCluster.Settling"/>) gets most of its
/// requests served. Judged over the last <see cref="Window"/>; a feature is stopped when under half were served.
/// </summary>
public sealed class FailureStaysInItsServiceMonitor(MicroservicesCluster cluster)
    : InvariantMonitor(MonitorId, "A failure in one service never stops requests that do not use it")
{
    public const string MonitorId = "failure-stays-in-its-service";

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    public const int MinimumRequests = 5;

    public const double StoppedBelow = 0.5;

    public override string? Check()
    {
        var now = cluster.Clock.Now;
        if (now < Window)
        {
            return null;
        }
        // Checked after every event: index loops, so no enumerator is allocated.
        for (int f = 0; f < Features.Count; f++)
        {
            var feature = Features[f];
            bool healthy = true;
            for (int s = 0; s < feature.Services.Count && healthy; s++)
            {
                healthy = !cluster.IsFailing(feature.Services[s]);
            }
            if (!healthy)
            {
                continue;
            }
            var recent = cluster.Book(feature.Id).Over(now, Window);
            if (recent.Requests >= MinimumRequests && recent.SuccessRatio < StoppedBelow)
            {
                return $"{feature.Label} needs only {string.Join(", ", feature.Services)}, all healthy, yet {recent.SuccessRatio:P0} of its requests were served in the last {Window.TotalSeconds:0} s.";
            }
        }
        return null;
    }
}
