using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.StranglerFig;

/// <summary>The Strangler Fig page as a person finds it: controls, nodes, the key state and the routing table by their names.</summary>
internal sealed class StranglerFigPage(IPage page) : PatternPageObject(page, "Strangler Fig")
{
    public const string Path = "/patterns/strangler-fig";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>A figure of the key state beside the live view.</summary>
    public ILocator Stat(string name) => Region("Migration").Locator($"[data-stat={name}]");

    /// <summary>A cell of the routing table: stage, share, rate, failed, mismatch, rollbacks.</summary>
    public ILocator RouteCell(string feature, string column) =>
        Region("Routing table").Locator($"tr[data-feature={feature}] [data-col={column}]");
}
