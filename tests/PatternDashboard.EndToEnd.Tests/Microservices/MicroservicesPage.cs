using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.Microservices;

/// <summary>The Microservices page as a person finds it: controls, nodes, the features and the deployments by their names.</summary>
internal sealed class MicroservicesPage(IPage page) : PatternPageObject(page, "Microservices")
{
    public const string Path = "/patterns/microservices";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>Whether a feature works now, in words: "works", "degraded" or "down".</summary>
    public ILocator FeatureStatus(string feature) => Page.Locator($"tr[data-feature={feature}] [data-col=status]");

    /// <summary>A service's row in the deployments panel.</summary>
    public ILocator Service(string name) => Page.Locator($"[data-service={name}]");
}
