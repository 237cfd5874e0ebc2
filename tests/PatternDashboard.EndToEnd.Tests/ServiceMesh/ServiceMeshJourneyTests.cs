using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.ServiceMesh;

[Collection(EndToEndCollection.Name)]
public sealed class ServiceMeshJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task PaymentsFails_TheEdgeRetriesThreeTimes_ThenRetriesAtEveryHopPutTwentySevenTimesTheLoadOnIt()
    {
        await using var session = await browser.OpenAsync(app, ServiceMeshPage.PausedPath);
        var page = new ServiceMeshPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.Stat("proxies")).ToHaveTextAsync(new Regex("orders v1 ·"), Patiently);
        await Expect(page.Stat("mtls")).ToHaveTextAsync(new Regex("^mTLS required; every proxy sends mTLS"));
        await Expect(page.EdgeCell("client-proxy>web", "tls")).ToHaveTextAsync("mTLS", Patiently);

        // Both payment versions fail: only the edge retries, so payments gets 1 + 2 attempts per client request.
        await page.NodeActionAsync("Payments v1", "Fail the service: pay-v1");
        await page.NodeActionAsync("Payments v2 (canary)", "Fail the service: pay-v2");
        await Expect(page.Stat("leaf-load")).ToHaveTextAsync(new Regex(@"^Payments gets (2\.[5-9]|3(\.0)?)x .*if it fails, 3x = 1 \+ 2 \(edge retries\)"), Patiently);
        await Expect(page.EdgeCell("client-proxy>web", "attempts")).ToHaveTextAsync(new Regex(@"\((2\.[5-9]|3(\.0)?)x\)"), Patiently);
        await Expect(page.InvariantVerdict("attempts-bounded")).Not.ToHaveTextAsync("VIOLATED");

        // Break it: every hop retries, and each multiplies the one above: (1 + 2)^3 = 27.
        await page.BreakItSwitch.ClickAsync();
        await Expect(page.BreakItSwitch).ToBeCheckedAsync();
        await Expect(page.Stat("leaf-load")).ToHaveTextAsync(new Regex(@"^Payments gets 2\d(\.\d)?x .*if it fails, 27x = \(1 \+ 2\)\^3 \(every hop\)"), Patiently);
        await Expect(page.InvariantVerdict("attempts-bounded")).ToHaveTextAsync("VIOLATED", Patiently);

        // Every proxy got the new policy: one version more, still mTLS.
        await page.OpenTabAsync("Details");
        await Expect(page.ProxyCell("orders-proxy", "version")).ToHaveTextAsync("v2, current", Patiently);
        await Expect(page.ProxyCell("orders-proxy", "retries")).ToContainTextAsync("2 ·");

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ControlPlaneDown_ANewCanaryWeightWaits_ThenArrivesWhenItIsBack()
    {
        await using var session = await browser.OpenAsync(app, ServiceMeshPage.PausedPath);
        var page = new ServiceMeshPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await page.OpenTabAsync("Details");
        await Expect(page.Canary("applied")).ToHaveTextAsync("10 %", Patiently);

        await page.NodeActionAsync("Control plane", "Crash the control plane: control-plane");
        await page.CanaryWeight.FillAsync("60");
        await page.Button("Publish weight 60 %").ClickAsync();
        await Expect(page.Canary("configured")).ToHaveTextAsync("60 %", Patiently);
        await Expect(page.Stat("proxies")).ToHaveTextAsync(new Regex("control plane down: client v1 waiting"), Patiently);
        // Traffic keeps the last policy: pay-v2 still gets about a tenth.
        await Expect(page.Canary("applied")).ToHaveTextAsync("10 %");
        await Expect(page.Canary("observed")).ToHaveTextAsync(new Regex(@"^(\d|1\d|2[0-5])(\.\d)? %$"), Patiently);

        await page.NodeActionAsync("Control plane", "Restart the control plane: control-plane");
        await Expect(page.Canary("applied")).ToHaveTextAsync("60 %", Patiently);
        await Expect(page.Stat("proxies")).ToHaveTextAsync(new Regex(@"^Policy v2: client v2 · web v2 · orders v2 · pay-v1 v2 · pay-v2 v2$"), Patiently);
        await Expect(page.Canary("observed")).ToHaveTextAsync(new Regex(@"^(4[5-9]|[5-6]\d|7[0-5])(\.\d)? %$"), Patiently);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
