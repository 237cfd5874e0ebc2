using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

/// <summary>Side by side: the same run with and without "any two votes win"; the lost messages go to both, two leaders win one term on one side only.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CompareTests(AppServerFixture app, BrowserFixture browser)
{
    private const string Switch = "Break it: any two votes win";

    [Fact]
    public async Task Compare_WithAndWithoutAnyTwoVotesWin_ShowsTwoLeadersOnlyOnTheSideWithIt()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.Path, options => options.ViewportSize = new ViewportSize { Width = 1920, Height = 1080 });
        var election = new LeaderElectionPage(session.Page);
        var page = session.Page;
        await election.ExpectReadyAsync();
        await election.WaitForLeaderAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Compare this run with a copy that differs in one thing" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = $"With “{Switch}”", Exact = true }).ClickAsync();

        var without = page.GetByRole(AriaRole.Region, new() { Name = $"Without “{Switch}”", Exact = true });
        var with = page.GetByRole(AriaRole.Region, new() { Name = $"With “{Switch}”", Exact = true });
        await Expect(without).ToBeVisibleAsync();
        await Expect(with).ToBeVisibleAsync();
        await Expect(without.GetByRole(AriaRole.Group, new() { Name = "Cluster topology" })).ToBeVisibleAsync();
        await Expect(with.GetByRole(AriaRole.Group, new() { Name = "Cluster topology" })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousFindingsAsync(page, "a comparison of Leader Election");

        // Lost heartbeats start election after election; one fault, given to both runs at the same moment.
        var faults = page.GetByRole(AriaRole.Region, new() { Name = "Faults: both runs", Exact = true });
        await faults.GetByText("Faults with a value").ClickAsync();
        await faults.GetByLabel("loss (%)").FillAsync("60");
        await faults.GetByLabel("loss (%)").PressAsync("Tab");
        await faults.GetByRole(AriaRole.Button, new() { Name = "Lose messages", Exact = true }).ClickAsync();
        await Expect(without.GetByRole(AriaRole.Region, new() { Name = "Invariants" })).ToBeVisibleAsync();
        await election.SetSpeedAsync("10x");

        var withInvariants = with.GetByRole(AriaRole.Region, new() { Name = "Invariants", Exact = true });
        var withoutInvariants = without.GetByRole(AriaRole.Region, new() { Name = "Invariants", Exact = true });
        // Election Safety itself, not the liveness invariant, which the lost messages may break first on either side.
        var safetyWith = withInvariants.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Election Safety" });
        await Expect(safetyWith).Not.ToContainTextAsync("Violated 0 times", new() { Timeout = 60_000 });
        await election.PauseAsync();

        // Same clock on both sides; the run without the switch never had two leaders in one term.
        var metrics = page.GetByTestId("comparison-metrics");
        await Expect(metrics.GetByRole(AriaRole.Row).Filter(new() { HasText = "Simulated time" })).ToContainTextAsync("same");
        await Expect(metrics.GetByRole(AriaRole.Row).Filter(new() { HasText = "Election Safety" })).ToContainTextAsync("violations");
        var safetyWithout = withoutInvariants.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Election Safety" });
        await Expect(safetyWithout).ToContainTextAsync("Holds");
        await Expect(safetyWithout).ToContainTextAsync("Violated 0 times");
        await Expect(safetyWith).Not.ToContainTextAsync("Violated 0 times");
        // The README's picture of a comparison.
        await election.Heading.ClickAsync();
        await session.ScreenshotAsync("leader-election-compare", new Clip { X = 0, Y = 0, Width = 1920, Height = 1080 });

        // Reloaded, the page finds the comparison again; ended, the run goes on alone.
        await page.ReloadAsync();
        await Expect(with).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await election.Button("End comparison").ClickAsync();
        await Expect(with).ToHaveCountAsync(0);
        await Expect(election.Topology).ToBeVisibleAsync();

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
