using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class AccessibilityTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task Space_OutsideAnInput_TogglesPlayAndPause()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        await Expect(election.Status("Paused")).ToBeVisibleAsync();

        // Focus rests on the page itself, not on a control that Space would press.
        await election.Heading.ClickAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(election.PauseButton).ToBeVisibleAsync();
        await Expect(election.PlayButton).ToHaveCountAsync(0);
        await Expect(election.Status("Running")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Space");
        await Expect(election.PlayButton).ToBeVisibleAsync();
        await Expect(election.PauseButton).ToHaveCountAsync(0);
        await Expect(election.Status("Paused")).ToBeVisibleAsync();

        // In a text field Space types a space and leaves the clock alone.
        await election.OpenTabAsync("Event log");
        var search = election.EventLog.GetByRole(AriaRole.Textbox, new() { Name = "Search events" });
        await search.FillAsync("vote");
        await search.PressAsync("Space");
        await Expect(search).ToHaveValueAsync("vote ");
        // A later command's effect on the page proves an earlier toggle would have shown by now.
        await election.SetSpeedAsync("2x");
        await Expect(election.PlayButton).ToBeVisibleAsync();
        await Expect(election.Status("Paused")).ToBeVisibleAsync();

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Faults_EveryOneInTheCatalog_IsReachableByRoleAndName()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        var catalog = LeaderElectionPattern.Faults;

        // Cluster-wide faults are buttons of the fault panel (those taking a value one click further), "break it"
        // rules are switches.
        await election.ShowFaultsWithAValueAsync();
        foreach (var fault in catalog.Where(f => f.Target == FaultTarget.None && !f.IsBreakIt))
        {
            await Expect(election.FaultButton(fault.Label)).ToBeVisibleAsync();
        }
        foreach (var fault in catalog.Where(f => f.IsBreakIt))
        {
            await Expect(page.GetByRole(AriaRole.Switch, new() { Name = fault.Label, Exact = true })).ToBeVisibleAsync();
        }
        await Expect(election.BreakItSwitch).Not.ToBeCheckedAsync();

        // Node faults: Tab to a node of the picture, Enter opens its details with a button per fault. The cluster
        // is paused at time zero, so n3 is a follower and every fault that needs a running node applies.
        var n3 = election.Node("n3");
        await n3.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(n3).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Node\b.*\bn3\b|^Node 3\b") })).ToBeVisibleAsync();
        var nodeFaults = catalog.Where(f => f.Target == FaultTarget.Node).ToList();
        foreach (var fault in nodeFaults.Where(f => f.Id is not (LeaderElectionPattern.Fault.Restart or LeaderElectionPattern.Fault.Resume)))
        {
            await Expect(election.Button(NodeActions.LabelFor(fault, "n3"))).ToBeVisibleAsync();
        }

        // Restart and resume appear once there is something to undo.
        await election.Button("Crash n3").ClickAsync();
        await Expect(n3).ToHaveAccessibleNameAsync("Node n3, crashed, term 0");
        await election.Button("Restart n3").ClickAsync();
        await Expect(n3).ToHaveAccessibleNameAsync("Node n3, follower, term 0");
        await election.Button("Pause n3").ClickAsync();
        await Expect(n3).ToHaveAccessibleNameAsync("Node n3, follower, paused, term 0");
        await election.Button("Resume n3").ClickAsync();
        await Expect(n3).ToHaveAccessibleNameAsync("Node n3, follower, term 0");
        await Expect(election.ActiveFaults.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Active now (0)");

        // The nodes table offers the same faults from each row's actions menu, by keyboard too.
        var menu = election.NodeActionsMenu("n4");
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var crashN4 = page.GetByRole(AriaRole.Menuitem, new() { Name = "Crash n4", Exact = true });
        await Expect(crashN4).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Isolate n4", Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(crashN4).Not.ToBeVisibleAsync();
        await Expect(menu).ToBeFocusedAsync();

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task InfoButton_OpensTheExplanationAndClosesAgain()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();

        var closeButton = page.GetByRole(AriaRole.Button, new() { Name = "Close information" });
        await Expect(closeButton).ToHaveCountAsync(0);
        await election.InfoButton.ClickAsync();

        var drawer = page.GetByRole(AriaRole.Complementary, new() { Name = "About Leader Election", Exact = true });
        await Expect(drawer.GetByRole(AriaRole.Heading, new() { Name = "The problem" })).ToBeInViewportAsync();
        await Expect(drawer.GetByRole(AriaRole.Heading, new() { Name = "Trade-offs" })).ToBeVisibleAsync();
        await closeButton.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The problem" })).ToHaveCountAsync(0);
        await Expect(closeButton).ToHaveCountAsync(0);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
