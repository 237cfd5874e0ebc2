using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.PubSub;

[Collection(EndToEndCollection.Name)]
public sealed class BacklogTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task CrashBothBillingConsumers_BacklogGrows_RestartThem_BacklogDrainsToZero()
    {
        await using var session = await browser.OpenAsync(app, PubSubPage.PausedPath);
        var pubsub = new PubSubPage(session.Page);
        await Expect(pubsub.Heading).ToBeVisibleAsync();
        await pubsub.PlayAsync();
        await pubsub.SetSpeedAsync("5x");

        await pubsub.NodeActionAsync("Billing 1", "Crash billing-1");
        await pubsub.NodeActionAsync("Billing 2", "Crash billing-2");

        await Expect(pubsub.Node("Billing 1")).ToHaveAccessibleNameAsync(new Regex("^Billing 1, consumer, crashed"));
        await Expect(pubsub.ActiveFaults).ToContainTextAsync("Crash node: Billing 2");
        // Ten messages a second arrive and nobody takes them: the backlog passes 50 within a few simulated seconds.
        await Expect(pubsub.Depth("billing")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(50)}$"), new() { Timeout = 30_000 });
        int backlog = await pubsub.ReadDepthAsync("billing");
        Assert.True(await pubsub.ReadDepthAsync("analytics") < backlog, "The other subscription keeps up.");

        await pubsub.NodeActionAsync("Billing 1", "Restart billing-1");
        await pubsub.NodeActionAsync("Billing 2", "Restart billing-2");

        await Expect(pubsub.ActiveFaults).ToContainTextAsync("None: the cluster runs as designed.");
        await Expect(pubsub.Depth("billing")).ToHaveTextAsync("0", new() { Timeout = 30_000 });

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
