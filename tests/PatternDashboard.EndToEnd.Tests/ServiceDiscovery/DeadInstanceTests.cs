using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.ServiceDiscovery;

[Collection(EndToEndCollection.Name)]
public sealed class DeadInstanceTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task KillAnInstance_ClientsFailUntilItsLeaseExpiresAndTheirCachesRefresh()
    {
        await using var session = await browser.OpenAsync(app, ServiceDiscoveryPage.PausedPath);
        var page = new ServiceDiscoveryPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await page.SetSpeedAsync("5x");
        await Expect(page.Stat("registry")).ToHaveTextAsync("3 listed · 3 live", Patiently);
        await page.OpenTabAsync("Details");
        await Expect(page.Listed("c1", "i1")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        await page.NodeActionAsync("Instance 1", "Kill i1");
        await page.ShowPanelsAsync();

        // The dead instance lingers in the registry and the caches, and calls to it fail...
        await Expect(page.Stat("registry")).ToHaveTextAsync("3 listed, 1 of them dead");
        await Expect(page.RegistryCell("i1", "process")).ToHaveTextAsync(new Regex("^dead"));
        await Expect(page.Stat("failed-to-dead")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(1)}$"), Patiently);
        await Expect(page.CalledWhileDead("i1")).ToHaveCountAsync(1);
        // ...until its lease runs out and every cache has refreshed.
        await Expect(page.Stat("registry")).ToHaveTextAsync("2 listed · 2 live", Patiently);
        foreach (var cache in new[] { "c1", "c2", "c3", "lb" })
        {
            await Expect(page.Listed(cache, "i1")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        }
        await Expect(page.Story("i1")).ToContainTextAsync("evicted at");
        await Expect(page.Story("i1")).ToContainTextAsync("called while dead until");

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
