using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.EventDriven;

/// <summary>The Event-Driven page as a person finds it: controls, nodes, the services table and the registration figures.</summary>
internal sealed class EventDrivenPage(IPage page)
{
    public const string Path = "/patterns/event-driven";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public const string Title = "Event-Driven Architecture";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 });

    public ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    public ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    public ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });


    public ILocator Topology => Page.GetByRole(AriaRole.Group, new() { Name = "Cluster topology", Exact = true });

    public ILocator Node(string label) => Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(label)},") });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: synchronous calls", Exact = true });

    /// <summary>A figure of the Registrations panel, found by its markup (a definition list without names per value).</summary>
    public ILocator Stat(string name) => Region("Registrations").Locator($"[data-stat={name}]");

    /// <summary>The row of the services table for one service, by its label ("Email service").</summary>
    public ILocator ServiceRow(string label) =>
        Region("Services").GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = label, Exact = true }) });

    public ILocator ServiceCell(string label, string column) => ServiceRow(label).Locator($"[data-col={column}]");

    public async Task OpenAsync(PageSession session)
    {
        await session.GotoAsync(PausedPath);
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

    private ILocator Region(string name) => Page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    /// <summary>Chooses a speed ("2x") in the toolbar and waits until the run says it goes at it.</summary>
    public async Task SetSpeedAsync(string speed)
    {
        await TimeControls.GetByRole(AriaRole.Combobox, new() { Name = "Speed" }).SelectOptionAsync(new SelectOptionValue { Label = speed });
        if (speed != "1x")
        {
            await Expect(TimeControls.Locator(".status")).ToContainTextAsync(speed);
        }
    }

    /// <summary>Opens a tab below the live view: "Details", "Time travel", "Event log", "Lessons" or "Recording".</summary>
    public Task OpenTabAsync(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();
}
