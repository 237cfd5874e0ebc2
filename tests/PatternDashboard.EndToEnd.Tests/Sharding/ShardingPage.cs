using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.Sharding;

/// <summary>The Sharding page as a person finds it: controls, nodes, the key state, the heat map and the moves table by their names.</summary>
internal sealed class ShardingPage(IPage page) : PatternPageObject(page, "Sharding")
{
    public const string Path = "/patterns/sharding";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>A strategy's line in the key state ("modulo", "ring", "range").</summary>
    public ILocator KeyState(string strategy) => Region("Store").Locator($"dd[data-strategy={strategy}]");

    /// <summary>A figure of the key state beside the live view.</summary>
    public ILocator Stat(string name) => Region("Store").Locator($"[data-stat={name}]");

    public ILocator Banner(string name) => Region("Store").Locator($"[data-banner={name}]");

    public ILocator HeatCell(string strategy, string shard) => Region("Heat map").Locator($"tr[data-strategy={strategy}] td[data-shard={shard}]");

    public ILocator Hottest(string strategy) => Region("Heat map").Locator($"tr[data-strategy={strategy}] [data-mark=hottest]");

    public ILocator Moved(string strategy, string stat) => Region("Keys moved").Locator($"tr[data-strategy={strategy}] [data-stat={stat}]");

    public ILocator MapOf(string strategy) => Region("Router's map").Locator($"section[data-strategy={strategy}] li");
}
