using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Sharding;

namespace PatternDashboard.Web.Components.Patterns.Sharding;

/// <summary>
/// The heat map: one row per strategy, one column per shard; each cell says its keys and its load in numbers, and its
/// shade of orange repeats the load for a glance. The busiest shard of each row is marked, not only shaded.
/// </summary>
public partial class ShardHeatMap
{
    /// <summary>The stores to show, one row each. Default: none.</summary>
    [Parameter] public IReadOnlyList<StrategyView> Strategies { get; set; } = [];

    /// <summary>Every shard any store shows, by number.</summary>
    private IReadOnlyList<string> ShardIds =>
        [.. Strategies.SelectMany(s => s.Shards).Select(c => c.ShardId).Distinct().OrderBy(ShardingPattern.ShardNumber)];

    /// <summary>The busiest shard of a store, or null when nothing was routed yet.</summary>
    private static string? Hottest(StrategyView strategy) =>
        strategy.Shards.Where(c => c.Load > 0).MaxBy(c => c.Load)?.ShardId;

    private static string CellClass(ShardCell cell) => !cell.Up ? "down" : cell.InService ? "" : "leaving";

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>White at no load to a mid orange at 60 % of the store's load; dark text stays readable on every shade.</summary>
    private static string HeatColour(ShardCell cell)
    {
        double heat = Math.Clamp(cell.LoadShare / 0.6, 0, 1);
        int Mix(int to) => (int)Math.Round(255 + (to - 255) * heat);
        return $"rgb({Mix(255)}, {Mix(160)}, {Mix(80)})";
    }
}
