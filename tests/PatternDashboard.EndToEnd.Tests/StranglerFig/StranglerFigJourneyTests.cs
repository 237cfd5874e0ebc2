using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.StranglerFig;

[Collection(EndToEndCollection.Name)]
public sealed class StranglerFigJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task BugInShadow_MismatchesRiseWhileLegacyStillAnswers_ThenRollBackHoldsTheRow()
    {
        await using var session = await browser.OpenAsync(app, StranglerFigPage.PausedPath);
        var page = new StranglerFigPage(session.Page);
        await page.ExpectReadyAsync();
        await page.OpenTabAsync("Details");
        // A bug in the new catalog before it takes any traffic: 30 % of its prices are wrong.
        await page.NodeActionAsync("New catalog", "Bug: wrong answers: new-catalog");
        await page.ShowPanelsAsync();
        await Expect(page.RouteCell("catalog", "stage")).ToContainTextAsync("bug planted");
        await page.PlayAsync();
        await page.SetSpeedAsync("5x");
        await page.ShowPanelsAsync();

        // The plan puts the catalog in shadow; the noise baseline leaves only the wrong prices as real mismatches...
        await Expect(page.RouteCell("catalog", "stage")).ToContainTextAsync("shadow", new() { Timeout = 30_000 });
        await Expect(page.RouteCell("catalog", "mismatch")).ToHaveTextAsync(new Regex(@"^[1-9]\d*(\.\d)? % real · 100 % without baseline"), Patiently);
        // ...and holds it in shadow past its stage time, so customers still get the monolith's answers.
        await Expect(page.RouteCell("catalog", "mismatch")).ToContainTextAsync(new Regex(@"of ([2-9]\d\d|\d{4,});"), new() { Timeout = 30_000 });
        await Expect(page.RouteCell("catalog", "stage")).ToContainTextAsync("shadow");
        await Expect(page.RouteCell("catalog", "share")).ToContainTextAsync("legacy 100 %");

        await page.NodeActionAsync("New catalog", "Roll the feature back: new-catalog");
        await page.ShowPanelsAsync();

        await Expect(page.RouteCell("catalog", "stage")).ToContainTextAsync("legacy", new() { Timeout = 30_000 });
        await Expect(page.RouteCell("catalog", "stage")).ToContainTextAsync("held on legacy");
        await Expect(page.RouteCell("catalog", "rollbacks")).ToContainTextAsync("rolled back by hand");
        await Expect(page.Stat("double-charges")).ToHaveTextAsync("0");

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
