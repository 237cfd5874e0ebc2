using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.ApiGateway;

[Collection(EndToEndCollection.Name)]
public sealed class FloodTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task FloodFromOneClient_OnlyThatClientIsLimited()
    {
        await using var session = await browser.OpenAsync(app, ApiGatewayPage.PausedPath);
        var page = new ApiGatewayPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await page.SetSpeedAsync("2x");
        await page.OpenTabAsync("Details");
        await Expect(page.ClientCell("c1", "state")).ToHaveTextAsync("client", Patiently);

        await page.NodeActionAsync("Client 1", "Flood: c1");

        // The flooder's own bucket runs dry and the gateway answers it 429...
        await Expect(page.ClientCell("c1", "state")).ToHaveTextAsync("flooding", Patiently);
        await Expect(page.ClientCell("c1", "limited")).ToHaveTextAsync(new Regex($@"\({NumberPattern.AtLeast(50)} in all\)"), Patiently);
        await Expect(page.ClientCell("c1", "level")).ToContainTextAsync("of 10");
        await Expect(page.Stat("limited")).Not.ToHaveTextAsync("0", Patiently);
        // ...while the other clients, with buckets of their own, are never limited.
        foreach (var other in new[] { "c2", "c3" })
        {
            await Expect(page.ClientCell(other, "limited")).ToHaveTextAsync("0 (0 in all)");
            await Expect(page.ClientCell(other, "state")).ToHaveTextAsync("client");
        }
        await Expect(page.Stat("unauthenticated")).ToHaveTextAsync("0");

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
