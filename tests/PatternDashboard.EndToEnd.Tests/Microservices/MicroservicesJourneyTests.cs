using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Microservices;

[Collection(EndToEndCollection.Name)]
public sealed class MicroservicesJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task CrashPayments_OnlyPayingFails_ThenARollingDeploymentOfOrdersRunsInstanceByInstance()
    {
        await using var session = await browser.OpenAsync(app, MicroservicesPage.PausedPath);
        var page = new MicroservicesPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.FeatureStatus("pay")).ToHaveTextAsync(new Regex("works"), Patiently);

        await page.NodeActionAsync("Payments 1", "Crash the service: payments-1");
        await Expect(page.FeatureStatus("pay")).ToHaveTextAsync(new Regex("down"), Patiently);
        await Expect(page.FeatureStatus("browse")).ToHaveTextAsync(new Regex("works"));
        await Expect(page.FeatureStatus("sign-in")).ToHaveTextAsync(new Regex("works"));

        await page.NodeActionAsync("Orders 1", "Deploy a new version: orders-1");
        await page.OpenTabAsync("Details");
        await Expect(page.Service("orders").Locator("[data-col=rollout]")).ToHaveTextAsync(new Regex("rolling out v2"), Patiently);
        await Expect(page.Service("orders").Locator("[data-col=rollout]")).ToHaveTextAsync(new Regex("4 replicas, steady"), Patiently);
        await Expect(page.Service("orders").Locator("[data-col=version]")).ToHaveTextAsync(new Regex("^v2"));
        await Expect(page.FeatureStatus("order")).ToHaveTextAsync(new Regex("works"));

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
