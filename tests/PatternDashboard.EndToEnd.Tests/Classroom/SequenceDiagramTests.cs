using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Classroom;

/// <summary>Crash the leader, then open the messages of the last 10 seconds: heartbeats stop, the crashed lane is drawn, votes follow.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SequenceDiagramTests(AppServerFixture app, BrowserFixture browser)
{
    private static ILocator Messages(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Message sequence", Exact = true });

    [Fact]
    public async Task CrashTheLeader_TheLastTenSecondsShowTheCrashAndTheMessagesToTheDownNode()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        var (leader, _) = await election.WaitForLeaderAsync();
        await election.CrashLeaderButton.ClickAsync();
        await election.WaitForLeaderAsync(minTerm: 2);
        await election.PauseAsync();

        await election.OpenTabAsync("Messages");
        await Messages(page).GetByRole(AriaRole.Button, new() { Name = "Last 10 s", Exact = true }).ClickAsync();

        await Expect(Messages(page).GetByTestId("sequence-summary")).ToContainTextAsync(" s to ");
        await Expect(Messages(page).Locator(".lane-span[data-state=crashed]")).ToHaveCountAsync(1);
        await Expect(Messages(page).Locator(".fault")).ToContainTextAsync("Crash leader");
        var toTheDead = Messages(page).GetByRole(AriaRole.Button, new() { NameRegex = new Regex($" to {leader}, .*was down$") });
        await Expect(toTheDead.First).ToBeVisibleAsync();

        // Keyboard: focus a message and read its contents.
        await toTheDead.First.FocusAsync();
        await Expect(Messages(page).GetByTestId("sequence-detail")).ToContainTextAsync($"{leader} was down");

        var download = await page.RunAndWaitForDownloadAsync(() => Messages(page).GetByRole(AriaRole.Button, new() { Name = "Export SVG", Exact = true }).ClickAsync());
        Assert.EndsWith(".svg", download.SuggestedFilename, StringComparison.Ordinal);
        await Axe.AssertNoSeriousFindingsAsync(page, "the messages tab");
        session.AssertNoConsoleErrors();
    }
}
