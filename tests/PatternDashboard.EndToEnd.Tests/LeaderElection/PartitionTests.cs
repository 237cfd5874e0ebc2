using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class PartitionTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task SplitCluster_ThenHeal_FaultIsListedLinksGoDownAndALeaderRemains()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        await election.WaitForLeaderAsync();
        await Expect(election.CutLinks).ToHaveCountAsync(0);

        await election.SplitClusterButton.ClickAsync();

        await Expect(election.ActiveFault("Split cluster")).ToBeVisibleAsync();
        await Expect(election.ActiveFaults.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Active now (1)");
        // Five nodes split two against three: 2 × 3 links cut.
        await Expect(election.CutLinks).ToHaveCountAsync(6);

        await election.HealNetworkButton.ClickAsync();

        await Expect(election.ActiveFault("Split cluster")).ToHaveCountAsync(0);
        await Expect(election.ActiveFaults.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Active now (0)");
        await Expect(election.ActiveFaults).ToContainTextAsync("None: the cluster runs as designed.");
        await Expect(election.CutLinks).ToHaveCountAsync(0);
        // The old leader of the minority hears the higher term and steps down: one leader again.
        await election.WaitForLeaderAsync();

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task IsolateLeader_FromItsNodeActions_TheOthersElectAnotherUntilHealed()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        var (leader, term) = await election.WaitForLeaderAsync();

        // Open the leader's details from the picture and isolate it there.
        await election.Node(leader).ClickAsync();
        await Expect(election.Node(leader)).ToHaveAttributeAsync("aria-expanded", "true");
        await election.Button($"Isolate {leader}").ClickAsync();

        await Expect(election.ActiveFault("Isolate node")).ToBeVisibleAsync();
        // Cut from its four peers and from the client.
        await Expect(election.CutLinks).ToHaveCountAsync(LeaderElectionPage.NodeIds.Length);
        // The isolated node still believes it leads in its old term; the majority elects a leader in a later one.
        await Expect(election.Leaders(term + 1)).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        await election.HealNetworkButton.ClickAsync();

        await Expect(election.ActiveFault("Isolate node")).ToHaveCountAsync(0);
        await Expect(election.CutLinks).ToHaveCountAsync(0);
        var (_, healedTerm) = await election.WaitForLeaderAsync(minTerm: term + 1);
        Assert.True(healedTerm > term);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
