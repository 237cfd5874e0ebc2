using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.PubSub;

/// <summary>The Publisher-Subscriber page as a person finds it: controls, nodes, the subscriptions table and the counters.</summary>
internal sealed class PubSubPage(IPage page)
{
    public const string Path = "/patterns/pub-sub";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public const string Title = "Publisher-Subscriber";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 });

    public ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    public ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    public ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });


    public ILocator Topology => Page.GetByRole(AriaRole.Group, new() { Name = "Cluster topology", Exact = true });

    /// <summary>A node by its label; its accessible name reads "Billing 1, consumer, idle, billing · 0 buffered".</summary>
    public ILocator Node(string label) => Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(label)},") });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator ActiveFaults => Region("Active faults");

    /// <summary>The row of the subscriptions table for one subscription.</summary>
    public ILocator SubscriptionRow(string name) =>
        Region("Subscriptions").GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });

    /// <summary>The queue depth number of a subscription (the bar beside it has no text, so the number is found by its markup).</summary>
    public ILocator Depth(string subscription) => SubscriptionRow(subscription).Locator("[data-col=depth]");

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

    /// <summary>Selects a node in the topology and presses one of its fault buttons, such as "Crash billing-1".</summary>
    public async Task NodeActionAsync(string label, string action)
    {
        // Clicking the selected node again would close its details.
        if (await Node(label).GetAttributeAsync("aria-expanded") != "true")
        {
            await Node(label).ClickAsync();
        }
        await Button(action).ClickAsync();
    }

    public async Task<int> ReadDepthAsync(string subscription) =>
        int.Parse(await Depth(subscription).InnerTextAsync(), CultureInfo.InvariantCulture);

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
