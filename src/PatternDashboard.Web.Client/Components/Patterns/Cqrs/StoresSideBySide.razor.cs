using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Cqrs;

namespace PatternDashboard.Web.Components.Patterns.Cqrs;

/// <summary>
/// The write store beside every read model: what is committed against what is visible, each read model's lag in
/// events and in seconds (its backlog over its projector's throughput), rebuild progress and stale reads.
/// </summary>
public partial class StoresSideBySide
{
    /// <summary>The pattern's details; null before the first snapshot. Default: null.</summary>
    [Parameter] public CqrsDetails? Details { get; set; }

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    private static string Rate(double perSecond) =>
        double.IsInfinity(perSecond) ? "∞" : perSecond.ToString(perSecond < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static string StateOf(ReadModelView m) =>
        !m.Up ? "down" : m.Stopped ? "stopped" : m.Rebuilding ? "rebuilding" : m.Slowed ? "slowed" : m.Backlog == 0 ? "caught up" : "following";

    private static double GaugeValue(ReadModelView m, long head) => head <= 0 ? 100 : Math.Clamp(100.0 * m.Checkpoint / head, 0, 100);
}
