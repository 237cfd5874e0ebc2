using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.ClientServer;

/// <summary>The Client-Server page as a person finds it: controls, key state, the load presets and the latency-against-utilization table.</summary>
internal sealed class ClientServerPage(IPage page) : PatternPageObject(page, "Client-Server")
{
    public const string Path = "/patterns/client-server";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>A figure of the key state beside the live view, by its markup ("queue", "mean", "offered").</summary>
    public ILocator KeyStat(string name) => Region("Queue and latency").Locator($"[data-stat={name}]");

    public ILocator LoadPreset(string percent) => Region("Load").GetByRole(AriaRole.Button, new() { Name = $"Load {percent} %", Exact = true });

    /// <summary>The rows of the table under the latency-against-utilization chart, newest first.</summary>
    public ILocator CurveRows => Region("Latency against utilization").Locator("tr[data-curve-point]");
}
