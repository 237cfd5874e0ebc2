using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.ServiceDiscovery;

/// <summary>Each client's and the load balancer's cached view of the registry: what it lists, how old the answer is, and which listed instances are dead.</summary>
public partial class CacheList
{
    /// <summary>The caches, clients first. Default: none.</summary>
    [Parameter] public IReadOnlyList<CacheView> Caches { get; set; } = [];

    private static IEnumerable<string> Flags(CacheView cache)
    {
        if (cache.CutOff)
        {
            yield return "cut off from the registry";
        }
        if (cache.Up && cache.Routing && cache.Stale)
        {
            yield return "stale";
        }
        if (cache.DeadListed.Count > 0)
        {
            yield return $"lists {cache.DeadListed.Count} dead";
        }
    }

    private static string AgeText(CacheView cache) => cache.Age is { } age ? $"answered {UiFormat.ShortSeconds(age)} ago" : "no answer yet";
}
