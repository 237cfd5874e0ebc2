using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Sharding;

namespace PatternDashboard.Web.Components.Patterns.Sharding;

/// <summary>The router's map for each store, in its own terms: a hash remainder, a share of the ring, a range of keys.</summary>
public partial class RouterMap
{
    /// <summary>The stores, one list each. Default: none.</summary>
    [Parameter] public IReadOnlyList<StrategyView> Strategies { get; set; } = [];
}
