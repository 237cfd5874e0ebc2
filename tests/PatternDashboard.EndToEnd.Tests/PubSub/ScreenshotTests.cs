using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.PubSub;

[Collection(EndToEndCollection.Name)]
public sealed class ScreenshotTests(AppServerFixture app, BrowserFixture browser)
{
    /// <summary>The whole page with a backlog building up behind a crashed subscription and a poison message dead-lettered.</summary>
    [Fact]
    public async Task Screenshot_BacklogAndDeadLetter_IsSaved()
    {
        await using var session = await browser.OpenAsync(app, PubSubPage.Path, options => options.ViewportSize = new ViewportSize { Width = 1400, Height = 900 });
        var pubsub = new PubSubPage(session.Page);
        await Expect(pubsub.Heading).ToBeVisibleAsync();
        await pubsub.PlayAsync();
        await pubsub.SpeedButton("2x").ClickAsync();
        await pubsub.Button("Publish a poison message").ClickAsync();
        await pubsub.NodeActionAsync("Billing 1", "Crash billing-1");
        await pubsub.NodeActionAsync("Billing 2", "Crash billing-2");
        await Expect(pubsub.Depth("billing")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(30)}$"), new() { Timeout = 30_000 });
        await Expect(session.Page.Locator("tr[data-dead-letter]")).Not.ToHaveCountAsync(0);

        var path = await session.ScreenshotAsync("pub-sub");

        Assert.True(File.Exists(path));
        session.AssertNoConsoleErrors();
    }
}
