using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Sharding;

namespace PatternDashboard.Web.Components.Patterns.Sharding;

/// <summary>What each store moved in its last rebalance beside what its placement should move, and whether the move is done.</summary>
public partial class RebalanceMoves
{
    /// <summary>The stores, one row each. Default: none.</summary>
    [Parameter] public IReadOnlyList<StrategyView> Strategies { get; set; } = [];

    private static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
