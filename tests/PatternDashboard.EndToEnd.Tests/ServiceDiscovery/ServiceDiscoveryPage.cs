using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.ServiceDiscovery;

/// <summary>The Service Discovery page as a person finds it: controls, nodes, the key state and the panels by their names.</summary>
internal sealed class ServiceDiscoveryPage(IPage page) : PatternPageObject(page, "Service Discovery")
{
    public const string Path = "/patterns/service-discovery";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>A figure of the key state beside the live view.</summary>
    public ILocator Stat(string name) => Region("Discovery").Locator($"[data-stat={name}]");

    public ILocator RegistryCell(string instance, string column) => Region("Registry table").Locator($"tr[data-instance={instance}] [data-col={column}]");

    /// <summary>Instances a cache lists, by cache node id ("c1", "lb").</summary>
    public ILocator Listed(string cache, string instance) => Region("Cached views").Locator($"[data-cache={cache}] [data-listed={instance}]");

    public ILocator Story(string instance) => Region("Lease timeline").Locator($"[data-story={instance}]");

    public ILocator CalledWhileDead(string instance) => Region("Lease timeline").Locator($"[data-lane={instance}] rect.dead-call");
}
