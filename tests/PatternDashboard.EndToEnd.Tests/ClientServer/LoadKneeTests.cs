using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.ClientServer;

/// <summary>The page's main experiment: raise the load from half to 90 % with the presets and watch the latency knee.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class LoadKneeTests(AppServerFixture app, BrowserFixture browser)
{
    // Theory (M/M/1, mu = 10/s): a mean of 200 ms at 50 % load, 1 s at 90 %.
    private static readonly Regex UnderThreeHundredFiftyMs = new(@"^(?:\d{1,2}|[12]\d{2}|3[0-4]\d) ms$");
    private static readonly Regex OverFourHundredFiftyMs = new(@"^(?:(?:4[5-9]\d|[5-9]\d{2}|\d{4,}) ms|[\d.]+ s)$");

    [Fact]
    public async Task LoadPresets_HalfThenNinetyPercent_MeanLatencyBendsUpAndTheCurveGetsPoints()
    {
        await using var session = await browser.OpenAsync(app, ClientServerPage.PausedPath);
        var page = new ClientServerPage(session.Page);
        await Expect(page.Heading).ToBeVisibleAsync();
        await page.OpenTabAsync("Load and latency");
        await page.LoadPreset("50").ClickAsync();
        await Expect(page.KeyStat("offered")).ToHaveTextAsync("50 %");
        await page.PlayAsync();
        await page.SetSpeedAsync("10x");

        await Expect(page.CurveRows.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.KeyStat("mean")).ToHaveTextAsync(UnderThreeHundredFiftyMs, new() { Timeout = 30_000 });
        await Expect(page.KeyStat("theory-mean")).ToHaveTextAsync("200 ms");

        await page.LoadPreset("90").ClickAsync();

        await Expect(page.KeyStat("offered")).ToHaveTextAsync("90 %");
        await Expect(page.KeyStat("theory-mean")).ToHaveTextAsync("1000 ms");
        await Expect(page.KeyStat("mean")).ToHaveTextAsync(OverFourHundredFiftyMs, new() { Timeout = 60_000 });
        // A 10 s window measured near 90 % busy lands in the table beside its theory.
        await Expect(page.CurveRows.Filter(new() { HasTextRegex = new Regex(@"\b(?:8[5-9]|9\d) %") }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
