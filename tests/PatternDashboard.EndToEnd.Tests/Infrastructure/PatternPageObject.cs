using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What every pattern page offers a person, found by role and name as they find it: the heading, the clock's
/// toolbar, the live view's nodes, the faults, the tabs. A pattern's page object adds its own panels.
/// </summary>
internal abstract class PatternPageObject(IPage page, string heading)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 });

    public ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    public ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    public ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    /// <summary>The clock's state as the toolbar writes it: "Running", "Paused"...</summary>
    public ILocator Status(string status) => TimeControls.GetByText(status, new() { Exact = true });

    public ILocator Topology => Page.GetByRole(AriaRole.Group, new() { Name = "Cluster topology", Exact = true });

    /// <summary>A node of the live view by the label its accessible name starts with.</summary>
    public virtual ILocator Node(string label) => Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(label)},") });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>
    /// Scrolls the tab panels below the first screen into sight, as a person does to read them: the pattern's own
    /// panels keep up with the run only while on screen.
    /// </summary>
    public Task ShowPanelsAsync() => ShowPanelsAsync(Page);

    /// <inheritdoc cref="ShowPanelsAsync()"/>
    public static Task ShowPanelsAsync(IPage page) => page.Locator(".dash-tabs .mud-tabs-panels").ScrollIntoViewIfNeededAsync();

    /// <summary>Opens <paramref name="path"/> (usually the paused path) and waits for the page's session.</summary>
    public async Task OpenAsync(PageSession session, string path)
    {
        await session.GotoAsync(path);
        await ExpectReadyAsync();
    }

    /// <summary>The page has its heading and its session: the time controls are there.</summary>
    public async Task ExpectReadyAsync()
    {
        await Expect(Heading).ToBeVisibleAsync();
        await Expect(PlayButton.Or(PauseButton)).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Presses Play and waits until the page says it runs.</summary>
    public async Task PlayAsync()
    {
        await PlayButton.ClickAsync();
        await Expect(PauseButton).ToBeVisibleAsync();
        await Expect(Status("Running")).ToBeVisibleAsync();
    }

    /// <summary>Presses Pause and waits until the page says it is paused.</summary>
    public async Task PauseAsync()
    {
        await PauseButton.ClickAsync();
        await Expect(PlayButton).ToBeVisibleAsync();
        await Expect(Status("Paused")).ToBeVisibleAsync();
    }

    /// <summary>Chooses a speed ("2x") in the toolbar and waits until the run says it goes at it.</summary>
    public async Task SetSpeedAsync(string speed)
    {
        await TimeControls.GetByRole(AriaRole.Combobox, new() { Name = "Speed" }).SelectOptionAsync(new SelectOptionValue { Label = speed });
        if (speed != "1x")
        {
            await Expect(TimeControls.Locator(".status")).ToContainTextAsync(speed);
        }
    }

    /// <summary>Opens a node's details (unless open) and presses one of its actions ("Crash s1").</summary>
    public async Task NodeActionAsync(string label, string action)
    {
        // Clicking the selected node again would close its details.
        if (await Node(label).GetAttributeAsync("aria-expanded") != "true")
        {
            await Node(label).ClickAsync();
        }
        await Button(action).ClickAsync();
    }

    public Task ClusterFaultAsync(string label) =>
        Region("Cluster faults").GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();

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

    /// <summary>Opens the "Start a room" menu and starts the room from a fresh run or from the run on screen.</summary>
    public async Task StartRoomAsync(bool fromThisRun = false)
    {
        await Button("Start a room").ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = fromThisRun ? "From this run, as it is now" : "From a fresh run", Exact = true }).ClickAsync();
    }

    /// <summary>Opens a tab below the live view ("Details", "Time travel", "Event log", "Lessons" or "Recording") and scrolls to it.</summary>
    public async Task OpenTabAsync(string name)
    {
        await Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();
        await ShowPanelsAsync();
    }

    protected ILocator Region(string name) => Page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });
}
