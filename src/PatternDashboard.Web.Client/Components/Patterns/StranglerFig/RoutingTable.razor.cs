using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.StranglerFig;

namespace PatternDashboard.Web.Components.Patterns.StranglerFig;

/// <summary>
/// The facade's routing table: one row per feature with its stage, the share legacy and new served (in words beside
/// the bar), its failures, its live mismatch rate with and without the noise baseline, and its rollbacks.
/// </summary>
public partial class RoutingTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public StranglerFigDetails? Details { get; set; }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string StageText(RouteRow row) => row.Stage == "canary" ? $"canary {row.CanaryPercent} %" : row.Stage;

    private static string ShareText(RouteRow row) =>
        row.LegacyShare + row.NewShare <= 0 ? "no traffic yet" : $"legacy {Percent(row.LegacyShare)} · new {Percent(row.NewShare)}";

    private static string MismatchText(RouteRow row) => row switch
    {
        { Compared: 0 } => "not shadowed yet",
        { ComparedRecently: 0 } => $"not shadowed now; in all {row.RealMismatches} real of {row.Compared} ({row.NaiveMismatches} without baseline)",
        _ => $"{Percent(row.MismatchShare)} real · {Percent(row.NaiveMismatchShare)} without baseline ({row.RealMismatches} of {row.Compared}; noise: {Noise(row)})",
    };

    private static string Noise(RouteRow row) => row.NoisyFields.Count == 0 ? "none" : string.Join(", ", row.NoisyFields);

    private static string PlanText(StranglerFigDetails details) => details switch
    {
        { BigBang: true } => "Big bang: every feature is on the rewrite at once, with no row to roll back.",
        { Migrating: { } feature } => $"Moving {feature} now; each stage lasts at least {details.StageSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and moves on only below {Percent(details.MismatchLimit)} mismatches and {Percent(details.ErrorLimit)} errors.",
        { Retired: 4 } => "Every feature is retired from the monolith: the migration is done.",
        _ => "Nothing is moving: the remaining features are held on the monolith.",
    };
}
