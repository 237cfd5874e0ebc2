using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Sharding;

/// <summary>The Sharding page as a person finds it: controls, nodes, the key state, the heat map and the moves table by their names.</summary>
internal sealed class ShardingPage(IPage page)
{
    public const string Path = "/patterns/sharding";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Sharding", Level = 1 });

    private ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    private ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    private ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    private ILocator Topology => Page.GetByRole(AriaRole.Group, new() { Name = "Cluster topology", Exact = true });

    public ILocator Node(string label) => Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(label)},") });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>A strategy's line in the key state ("modulo", "ring", "range").</summary>
    public ILocator KeyState(string strategy) => Region("Store").Locator($"dd[data-strategy={strategy}]");

    /// <summary>A figure of the key state beside the live view.</summary>
    public ILocator Stat(string name) => Region("Store").Locator($"[data-stat={name}]");

    public ILocator Banner(string name) => Region("Store").Locator($"[data-banner={name}]");

    public ILocator HeatCell(string strategy, string shard) => Region("Heat map").Locator($"tr[data-strategy={strategy}] td[data-shard={shard}]");

    public ILocator Hottest(string strategy) => Region("Heat map").Locator($"tr[data-strategy={strategy}] [data-mark=hottest]");

    public ILocator Moved(string strategy, string stat) => Region("Keys moved").Locator($"tr[data-strategy={strategy}] [data-stat={stat}]");

    public ILocator MapOf(string strategy) => Region("Router's map").Locator($"section[data-strategy={strategy}] li");

    public async Task ExpectReadyAsync()
    {
        await Expect(Heading).ToBeVisibleAsync();
        await Expect(PlayButton.Or(PauseButton)).ToBeVisibleAsync();
    }

    public async Task PlayAsync()
    {
        await PlayButton.ClickAsync();
        await Expect(PauseButton).ToBeVisibleAsync();
    }

    public async Task ClusterFaultAsync(string label) =>
        await Region("Cluster faults").GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();

    /// <summary>Gives a cluster-wide fault that takes a value, at the value its field shows (its default).</summary>
    public async Task ClusterFaultWithValueAsync(string label)
    {
        var faults = Region("Cluster faults");
        var fold = faults.GetByText("Faults with a value");
        if (await fold.CountAsync() > 0 && !await faults.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).IsVisibleAsync())
        {
            await fold.ClickAsync();
        }
        await faults.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
    }

    public async Task NodeActionAsync(string label, string action)
    {
        // Clicking the selected node again would close its details.
        if (await Node(label).GetAttributeAsync("aria-expanded") != "true")
        {
            await Node(label).ClickAsync();
        }
        await Button(action).ClickAsync();
    }

    /// <summary>Opens a tab below the live view: "Details", "Time travel", "Event log", "Lessons" or "Recording".</summary>
    public Task OpenTabAsync(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();

    private ILocator Region(string name) => Page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });
}
