using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Cqrs;

/// <summary>The CQRS page as a person finds it: controls, key state, the side-by-side stores and the node menus by their names.</summary>
internal sealed class CqrsPage(IPage page)
{
    public const string Path = "/patterns/cqrs";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "CQRS", Level = 1 });

    private ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    private ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    private ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    private ILocator Topology => Page.GetByRole(AriaRole.Group, new() { Name = "Cluster topology", Exact = true });

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: act on the read model right after a write", Exact = true });

    /// <summary>A value of the key state or a panel: "committed", "stale-count", "violations"...</summary>
    public ILocator Stat(string name) => Page.Locator($"[data-stat={name}]");

    /// <summary>A read model's entry in the side-by-side panel.</summary>
    public ILocator Model(string id) => Page.Locator($"li[data-model={id}]");

    public ILocator Node(string label) => Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(label)},") });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

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

    public async Task NodeActionAsync(string label, string action)
    {
        // Clicking the selected node again would close its details.
        if (await Node(label).GetAttributeAsync("aria-expanded") != "true")
        {
            await Node(label).ClickAsync();
        }
        await Button(action).ClickAsync();
    }

    public static Regex Whole(string pattern) => new($"^{pattern}$");
}
