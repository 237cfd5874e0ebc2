using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.Sidecar;

/// <summary>The Sidecar page as a person finds it: the pod's containers, the log buffer, the cost, the trace and the live setting.</summary>
internal sealed class SidecarPage(IPage page) : PatternPageObject(page, "Sidecar")
{
    public const string Path = "/patterns/sidecar";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>What one container of the pod is doing, in words: "serving", "ready", "down (crashed)"...</summary>
    public ILocator ContainerState(string id) => Page.Locator($"tr[data-container={id}] [data-col=state]");

    /// <summary>"8 of 300 lines · dropped at the limit 0 · lost 0".</summary>
    public ILocator Buffer => Page.Locator("[data-stat=buffer]");

    /// <summary>What the sidecars add per request and their share of the pod's CPU.</summary>
    public ILocator Cost => Page.Locator("[data-stat=cost]");

    public ILocator ProxySetting => Page.Locator("[data-stat=proxy-setting]");

    public ILocator AppBuild => Page.Locator("[data-stat=app-build]");

    public ILocator TraceSummary => Page.Locator("[data-stat=trace-summary]");
}
