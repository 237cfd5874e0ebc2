using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.CircuitBreaker;

[Collection(EndToEndCollection.Name)]
public sealed class BreakerTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task ErrorRate100ThroughTheUi_BreakerOpens_RecoverAndItCloses()
    {
        await using var session = await browser.OpenAsync(app, CircuitBreakerPage.PausedPath);
        var page = new CircuitBreakerPage(session.Page);
        await page.ExpectReadyAsync();
        await Expect(page.BreakerState("Service A")).ToHaveTextAsync(new Regex("Closed"));
        await page.PlayAsync();

        await page.ErrorRateField("Service A").FillAsync("100");
        await page.Button("Set error rate of Service A").ClickAsync();

        await Expect(page.BreakerState("Service A")).ToHaveTextAsync(new Regex("Open$"), Patiently);
        await Expect(page.BreakerState("Service B")).ToHaveTextAsync(new Regex("Closed"));

        await page.Button("Recover Service A").ClickAsync();

        await Expect(page.BreakerState("Service A")).ToHaveTextAsync(new Regex("Closed"), Patiently);
        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
