using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Classroom;

/// <summary>Bookmark a moment, export the run, open its link (an import into a new run) and jump back to the moment.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BookmarkTests(AppServerFixture app, BrowserFixture browser)
{
    private static ILocator Bookmarks(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Bookmarks", Exact = true });

    [Fact]
    public async Task BookmarkTheCrash_ExportAndOpenItsLink_AndJumpBackToIt()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        await election.WaitForLeaderAsync();
        await election.CrashLeaderButton.ClickAsync();
        await election.PauseAsync();
        string crashedAt = (await page.Locator(".clock-time").TextContentAsync() ?? "").Replace("t = ", "").Trim();

        await election.OpenTabAsync("Time travel");
        await Bookmarks(page).GetByLabel("Name this moment").FillAsync("Leader crashed");
        await Bookmarks(page).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Bookmark ") }).ClickAsync();
        await Expect(Bookmarks(page).Locator("[data-bookmark]")).ToHaveTextAsync(new Regex($"^{Regex.Escape(crashedAt)}\\s*Leader crashed"));

        // B anywhere on the page (not in a text field) marks the moment too, named by its time.
        await election.StepButton.ClickAsync();
        await page.Locator("body").PressAsync("b");
        await Expect(Bookmarks(page).Locator("[data-bookmark]")).ToHaveCountAsync(2);
        await Expect(Bookmarks(page).Locator("[data-bookmark]").Nth(1)).ToContainTextAsync("Moment at ");
        await Axe.AssertNoSeriousFindingsAsync(page, "the time travel tab with bookmarks");

        // The exported file keeps the bookmarks; the run's link carries the same recording, and opening it imports it.
        await election.OpenTabAsync("Recording");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-recording").ClickAsync());
        string file = Path.Combine(Path.GetTempPath(), $"bookmarks-{Guid.NewGuid():N}.json");
        await download.SaveAsAsync(file);
        try
        {
            Assert.Contains("\"Leader crashed\"", await File.ReadAllTextAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
        await page.GetByTestId("copy-link").ClickAsync();
        string link = await page.GetByLabel("Link to this run").InputValueAsync();
        await session.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(page).ToHaveURLAsync(new Regex(@"/patterns/leader-election\?session=[0-9a-f]+"), new() { Timeout = 60_000 });
        var imported = new LeaderElectionPage(page);
        await imported.ExpectReadyAsync();

        await imported.OpenTabAsync("Time travel");
        var jump = Bookmarks(page).GetByRole(AriaRole.Button, new() { Name = $"Jump to Leader crashed at {crashedAt}", Exact = true });
        await jump.ClickAsync();

        await Expect(page.Locator(".clock-time")).ToHaveTextAsync($"t = {crashedAt}");
        await Expect(imported.ActiveFault("Crash leader")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("scrubber-preview")).ToContainTextAsync($"Showing the run at {crashedAt}");
        session.AssertNoConsoleErrors();
    }
}
