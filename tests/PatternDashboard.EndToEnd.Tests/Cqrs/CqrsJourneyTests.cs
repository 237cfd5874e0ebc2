using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Cqrs;

[Collection(EndToEndCollection.Name)]
public sealed class CqrsJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task StopAProjector_ReadsGoOnStale_ThenActOnTheReadAfterAWrite_ReadYourWritesIsViolated()
    {
        await using var session = await browser.OpenAsync(app, CqrsPage.PausedPath);
        var page = new CqrsPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.Stat("head")).ToHaveTextAsync(CqrsPage.Whole(NumberPattern.AtLeast(5)), Patiently);

        // Stop the first replica's projector: it falls behind in events and seconds, and its reads are stale.
        await page.NodeActionAsync("Orders replica 1", "Stop the projector: orders-1");
        var replica = page.Model("orders-1");
        await Expect(replica.Locator("[data-stat=model-state]")).ToHaveTextAsync("stopped", Patiently);
        await Expect(replica.Locator("[data-stat=lag-events]")).ToHaveTextAsync(CqrsPage.Whole(NumberPattern.AtLeast(10)), Patiently);
        await Expect(replica.Locator("[data-stat=lag-seconds]")).ToHaveTextAsync(new Regex(@"^[1-9]\d*\.\d+ s$|^0\.[2-9]\d s$"), Patiently);
        await Expect(page.Stat("stale-count")).ToHaveTextAsync(CqrsPage.Whole(NumberPattern.AtLeast(20)), Patiently);
        await Expect(page.Stat("not-yet")).ToContainTextAsync("orders-1", new() { Timeout = 30_000 });
        // Done right, customers wait for a checkpoint or read the write side: no violation.
        await Expect(page.Stat("violations")).ToHaveTextAsync("0");

        // Break it: act on the first read after a write.
        await page.BreakItSwitch.ClickAsync();
        await Expect(page.BreakItSwitch).ToBeCheckedAsync();
        await Expect(page.Stat("violations")).ToHaveTextAsync(CqrsPage.Whole(NumberPattern.AtLeast(1)), Patiently);
        await Expect(session.Page.Locator("li[data-invariant=read-your-writes] .verdict")).ToHaveTextAsync("VIOLATED", Patiently);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
