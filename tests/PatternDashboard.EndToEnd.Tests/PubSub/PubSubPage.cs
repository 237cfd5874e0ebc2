using System.Globalization;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.PubSub;

/// <summary>The Publisher-Subscriber page as a person finds it: controls, nodes, the subscriptions table and the counters.</summary>
internal sealed class PubSubPage(IPage page) : PatternPageObject(page, Title)
{
    public const string Path = "/patterns/pub-sub";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public const string Title = "Publisher-Subscriber";

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

    public async Task<int> ReadDepthAsync(string subscription) =>
        int.Parse(await Depth(subscription).InnerTextAsync(), CultureInfo.InvariantCulture);
}
