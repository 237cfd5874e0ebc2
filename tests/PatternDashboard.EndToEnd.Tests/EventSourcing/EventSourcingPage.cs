using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.EventSourcing;

/// <summary>The Event Sourcing page as a person finds it: controls, key state, the stream's slider and the fault buttons by their names.</summary>
internal sealed class EventSourcingPage(IPage page)
{
    public const string Path = "/patterns/event-sourcing";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Event Sourcing", Level = 1 });

    private ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    private ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    private ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: update state in place", Exact = true });

    /// <summary>A value of the key state or a panel: "version", "conflicts", "at", "in-place"...</summary>
    public ILocator Stat(string name) => Page.Locator($"[data-stat={name}]");

    /// <summary>What the slider rebuilt: "status", "balance", "projected".</summary>
    public ILocator Rebuilt(string name) => Page.Locator($"[data-rebuilt={name}]");

    public ILocator Slider => Page.GetByLabel("Rebuild at event");

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

    public async Task PauseAsync()
    {
        await PauseButton.ClickAsync();
        await Expect(PlayButton).ToBeVisibleAsync();
    }

    public Task ClusterFaultAsync(string label) =>
        Page.GetByRole(AriaRole.Region, new() { Name = "Cluster faults", Exact = true }).GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();

    /// <summary>Opens a tab below the live view: "Details", "Time travel", "Event log", "Lessons" or "Recording".</summary>
    public Task OpenTabAsync(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();

    public static Regex Whole(string pattern) => new($"^{pattern}$");
}
