using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.ServiceMesh;

/// <summary>The Service Mesh page as a person finds it: controls, nodes, the key state and the edge and proxy tables by their names.</summary>
internal sealed class ServiceMeshPage(IPage page) : PatternPageObject(page, "Service Mesh")
{
    public const string Path = "/patterns/service-mesh";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: retries at every hop", Exact = true });

    /// <summary>A line of the key state beside the live view: leaf-load, canary, proxies, mtls.</summary>
    public ILocator Stat(string name) => Region("Mesh").Locator($"[data-stat={name}]");

    /// <summary>A cell of the key state's edge table ("orders-proxy>pay-v1"): requests, attempts, errors, tls.</summary>
    public ILocator EdgeCell(string edge, string column) => Region("Mesh").Locator($"tr[data-edge='{edge}'] [data-col={column}]");

    /// <summary>A cell of the proxy table in the Details tab: version, mtls, retries, upstreams.</summary>
    public ILocator ProxyCell(string proxy, string column) => Region("Proxies").Locator($"tr[data-proxy={proxy}] [data-col={column}]");

    /// <summary>A number of the canary panel in the Details tab: configured, applied or observed.</summary>
    public ILocator Canary(string column) => Region("Canary").Locator($"[data-col={column}]");

    public ILocator CanaryWeight => Region("Canary").GetByRole(AriaRole.Slider, new() { Name = "pay-v2 weight", Exact = true });

    public ILocator InvariantVerdict(string id) => Page.Locator($"li[data-invariant={id}] .verdict");
}
