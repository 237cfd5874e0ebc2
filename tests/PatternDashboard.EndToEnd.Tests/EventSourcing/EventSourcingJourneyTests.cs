using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.EventSourcing;

[Collection(EndToEndCollection.Name)]
public sealed class EventSourcingJourneyTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task TwoWritersThenTimeTravel_ThenUpdateInPlace_HistoryIsGone()
    {
        await using var session = await browser.OpenAsync(app, EventSourcingPage.PausedPath);
        var page = new EventSourcingPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.Stat("version")).ToHaveTextAsync(new Regex($"^v{NumberPattern.AtLeast(4)} "), Patiently);

        // Both tellers write to the followed account at once: one append conflicts and is retried.
        await page.ClusterFaultAsync("Two writers on one stream");
        await Expect(page.Stat("conflicts")).ToHaveTextAsync(EventSourcingPage.Whole(NumberPattern.AtLeast(1)), Patiently);
        await Expect(page.Stat("retried")).ToHaveTextAsync(EventSourcingPage.Whole(NumberPattern.AtLeast(1)), Patiently);
        await page.PauseAsync();

        // Time travel with the keyboard: back to before the first event, then one event on.
        await page.OpenTabAsync("Details");
        await page.Slider.FocusAsync();
        await page.Slider.PressAsync("Home");
        await Expect(page.Stat("at")).ToHaveTextAsync(new Regex("^v0 of v"));
        await Expect(page.Rebuilt("status")).ToHaveTextAsync("none");
        await page.Slider.PressAsync("ArrowRight");
        await Expect(page.Stat("at")).ToHaveTextAsync(new Regex("^v1 of v"));
        await Expect(page.Rebuilt("status")).ToHaveTextAsync("open");
        string opened = await page.Rebuilt("balance").InnerTextAsync();
        await Expect(page.Rebuilt("projected")).ToHaveTextAsync(opened); // the same facts give the same balance
        await page.Button("Now").ClickAsync();

        // Break it: the state changes in place, the stream does not.
        await page.BreakItSwitch.ClickAsync();
        await Expect(page.BreakItSwitch).ToBeCheckedAsync();
        await page.PlayAsync();
        await page.ShowPanelsAsync();
        await Expect(page.Stat("in-place")).ToContainTextAsync("made in place, with no event", new() { Timeout = 60_000 });
        await Expect(session.Page.Locator("li[data-invariant=replay-equals-state] .verdict")).ToHaveTextAsync("VIOLATED", Patiently);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
