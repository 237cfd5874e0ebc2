using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.PubSub;

[Collection(EndToEndCollection.Name)]
public sealed class ScreenshotTests(AppServerFixture app, BrowserFixture browser)
{
    /// <summary>The first screen at 1920×1080 with a backlog building up behind a crashed subscription and a poison message dead-lettered.</summary>
    [Fact]
    public async Task Screenshot_BacklogAndDeadLetter_IsSaved()
    {
        await using var session = await browser.OpenAsync(app, PubSubPage.PausedPath, options => options.ViewportSize = new ViewportSize { Width = 1920, Height = 1080 });
        var pubsub = new PubSubPage(session.Page);
        await Expect(pubsub.Heading).ToBeVisibleAsync();
        await pubsub.PlayAsync();
        await pubsub.SetSpeedAsync("2x");
        await pubsub.Button("Publish a poison message").ClickAsync();
        await pubsub.NodeActionAsync("Billing 1", "Crash billing-1");
        await pubsub.NodeActionAsync("Billing 2", "Crash billing-2");
        await Expect(pubsub.Depth("billing")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(30)}$"), new() { Timeout = 30_000 });
        await Expect(session.Page.Locator("tr[data-dead-letter]")).Not.ToHaveCountAsync(0);

        var path = await session.ScreenshotAsync("pub-sub", new Clip { X = 0, Y = 0, Width = 1920, Height = 1080 });

        Assert.True(File.Exists(path));
        session.AssertNoConsoleErrors();
    }
}
