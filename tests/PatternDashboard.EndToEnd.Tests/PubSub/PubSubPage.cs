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

    public const string Title = "Publisher-Subscriber";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 });

    public ILocator TimeControls => Region("Time controls");

    public ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    public ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    public ILocator SpeedButton(string speed) => TimeControls.GetByRole(AriaRole.Button, new() { Name = $"Speed {speed}", Exact = true });

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
        await session.GotoAsync(Path);
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
}
