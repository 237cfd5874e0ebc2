using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class ElectionTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task Home_FollowLink_TheRunPlaysAtOnceAndALeaderIsElected()
    {
        await using var session = await browser.OpenAsync(app, "/");
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = $"Open {LeaderElectionPage.Title}", Exact = true }).ClickAsync();
        var election = new LeaderElectionPage(page);
        await Expect(page).ToHaveURLAsync(new Regex(@"/patterns/leader-election(\?|$)"));
        await election.ExpectReadyAsync();

        // A new run opens playing: nobody has to find Play first.
        await Expect(election.Status("Running")).ToBeVisibleAsync();
        await Expect(election.PauseButton).ToBeVisibleAsync();
        var (leader, term) = await election.WaitForLeaderAsync();

        Assert.Contains(leader, LeaderElectionPage.NodeIds);
        Assert.True(term >= 1, $"The leader's term is {term}.");
        // The nodes table agrees with the picture (it may already show a later term if the leader changed since).
        var row = election.NodeRow(leader).GetByRole(AriaRole.Cell);
        await Expect(row.Nth(0)).ToHaveTextAsync("leader");
        await Expect(row.Nth(2)).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(term)}$"));
        await Expect(election.LeaderStat).ToHaveTextAsync(new Regex($@"^n\d+ \(term {NumberPattern.AtLeast(term)}\)$"));

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task CrashLeader_WhileRunning_ANewLeaderWinsAHigherTerm()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        var (oldLeader, oldTerm) = await election.WaitForLeaderAsync();

        await election.CrashLeaderButton.ClickAsync();

        await Expect(election.ActiveFault("Crash leader")).ToBeVisibleAsync();
        await Expect(election.Node(oldLeader)).ToHaveAccessibleNameAsync(new Regex($"^Node {oldLeader}, crashed"));
        var (newLeader, newTerm) = await election.WaitForLeaderAsync(minTerm: oldTerm + 1);
        Assert.NotEqual(oldLeader, newLeader);
        Assert.True(newTerm > oldTerm, $"The new leader's term {newTerm} is not above the old {oldTerm}.");
        await Expect(election.LeaderStat).ToHaveTextAsync(
            new Regex($@"^n\d+ \(term {NumberPattern.GreaterThan(oldTerm)}\)$"));

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
