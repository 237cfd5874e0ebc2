using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Sidecar;

[Collection(EndToEndCollection.Name)]
public sealed class SidecarJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task CrashTheLogShipper_BufferFillsThenDropsCounted_ThenTls13GoesLiveWithoutTouchingTheApp()
    {
        await using var session = await browser.OpenAsync(app, SidecarPage.PausedPath);
        var page = new SidecarPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.ContainerState("app")).ToHaveTextAsync("serving", Patiently);
        await Expect(page.Cost).ToHaveTextAsync(new Regex(@"% of the pod's CPU"), Patiently);

        await page.ClusterFaultAsync("Crash the log shipper");
        await Expect(page.ContainerState("log-shipper")).ToHaveTextAsync("down (crashed)", Patiently);
        await Expect(page.Buffer).ToHaveTextAsync(new Regex(@"^300 of 300 lines · dropped at the limit [1-9]\d* · lost 0$"), Patiently);
        await Expect(page.ContainerState("app")).ToHaveTextAsync("serving");

        await page.ClusterFaultAsync("Switch TLS to 1.3, live");
        await page.OpenTabAsync("Details");
        await Expect(page.ProxySetting).ToHaveTextAsync(new Regex("TLS 1.3$"), Patiently);
        await Expect(page.AppBuild).ToHaveTextAsync(new Regex("^build 1, code unchanged"));
        await Expect(page.TraceSummary).ToHaveTextAsync(new Regex(@"sidecars added [\d.]+ ms"), Patiently);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
