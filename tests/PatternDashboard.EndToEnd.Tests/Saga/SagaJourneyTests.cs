using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Saga;

[Collection(EndToEndCollection.Name)]
public sealed class SagaJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task FailTheInventoryStep_PaymentThenOrderAreCompensated_InReverse()
    {
        await using var session = await browser.OpenAsync(app, SagaPage.PausedPath);
        var page = new SagaPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.Count("orchestration", "completed")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(1)}$"), Patiently);

        // Step 3 is the field's default: reserve stock.
        await page.ClusterFaultWithValueAsync("Fail the next step");
        await page.OpenTabAsync("Details");

        foreach (var style in new[] { "Orchestration", "Choreography" })
        {
            var failed = page.Style(style).Locator("tr[data-status=compensated]:has(td[data-step='3']:text-matches('failed'))").First;
            await Expect(failed).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(failed.Locator("td[data-compensation='2']")).ToHaveTextAsync(new Regex("done, 1st"));
            await Expect(failed.Locator("td[data-compensation='1']")).ToHaveTextAsync(new Regex("done, 2nd"));
            await Expect(failed.Locator("td[data-step='4']")).ToHaveTextAsync(new Regex("skipped"));
        }

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task CrashTheCoordinatorMidSaga_OrchestrationWaits_ThenResumesFromItsLog()
    {
        await using var session = await browser.OpenAsync(app, SagaPage.PausedPath);
        var page = new SagaPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.Count("orchestration", "started")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(2)}$"), Patiently);

        await page.NodeActionAsync("Coordinator", "Crash coordinator");
        await page.OpenTabAsync("Details");
        await Expect(page.Style("Orchestration").Locator("[data-coordinator]")).ToHaveAttributeAsync("data-coordinator", "down");
        // Orders keep coming: choreography goes on, orchestrated sagas wait for the coordinator.
        await Expect(page.Count("orchestration", "in-flight")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(2)}$"), Patiently);

        await page.NodeActionAsync("Coordinator", "Restart coordinator");
        await Expect(page.Style("Orchestration").Locator("[data-coordinator]")).ToHaveAttributeAsync("data-coordinator", "up");
        await Expect(page.Count("orchestration", "in-flight")).ToHaveTextAsync(new Regex("^[01]$"), Patiently);
        await page.PauseAsync();
        string started = await page.Count("orchestration", "started").InnerTextAsync();
        string ended = await page.Count("choreography", "started").InnerTextAsync();
        Assert.Equal(ended, started); // the same orders reached both styles

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
