using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.ClientServer;

/// <summary>The Client-Server page as a person finds it: controls, key state, the load presets and the latency-against-utilization table.</summary>
internal sealed class ClientServerPage(IPage page)
{
    public const string Path = "/patterns/client-server";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Client-Server", Level = 1 });

    public ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    /// <summary>A figure of the key state beside the live view, by its markup ("queue", "mean", "offered").</summary>
    public ILocator KeyStat(string name) => Region("Queue and latency").Locator($"[data-stat={name}]");

    public ILocator LoadPreset(string percent) => Region("Load").GetByRole(AriaRole.Button, new() { Name = $"Load {percent} %", Exact = true });

    /// <summary>The rows of the table under the latency-against-utilization chart, newest first.</summary>
    public ILocator CurveRows => Region("Latency against utilization").Locator("tr[data-curve-point]");

    public async Task PlayAsync()
    {
        await TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await Expect(TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Chooses a speed ("10x") in the toolbar and waits until the run says it goes at it.</summary>
    public async Task SetSpeedAsync(string speed)
    {
        await TimeControls.GetByRole(AriaRole.Combobox, new() { Name = "Speed" }).SelectOptionAsync(new SelectOptionValue { Label = speed });
        await Expect(TimeControls.Locator(".status")).ToContainTextAsync(speed);
    }

    public Task OpenTabAsync(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();

    private ILocator Region(string name) => Page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });
}
