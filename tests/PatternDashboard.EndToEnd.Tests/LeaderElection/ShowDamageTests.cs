using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class ShowDamageTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task ShowMeTheDamage_OneClick_TurnsTheSwitchOnGivesItsFaultAndElectionSafetyTurnsRed()
    {
        await using var session = await browser.OpenAsync(app, "/patterns/leader-election");
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.WaitForLeaderAsync();
        // A minute of simulated time passes in a few seconds of the test.
        await election.SetSpeedAsync("10x");

        await election.Button("Show me the damage: Break it: any two votes win").ClickAsync();

        await Expect(election.FaultPanel.GetByRole(AriaRole.Status)).ToContainTextAsync("Showing the damage");
        await Expect(election.BreakItSwitch).ToBeCheckedAsync();
        await Expect(election.ActiveFault("Lose messages")).ToBeVisibleAsync();
        var invariants = session.Page.GetByRole(AriaRole.Region, new() { Name = "Invariants", Exact = true });
        await Expect(invariants.GetByText("VIOLATED").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
