using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Classroom;

/// <summary>Time travel and a guided lesson on the Leader Election page, in a real browser.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClassroomTests(AppServerFixture app, BrowserFixture browser)
{
    private static ILocator Timeline(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Timeline", Exact = true });

    private static ILocator Lesson(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Lesson", Exact = true });

    private static ILocator Clock(IPage page) => page.Locator(".clock-time");

    private static async Task<double> ClockSecondsAsync(IPage page)
    {
        string text = await Clock(page).InnerTextAsync();
        return double.Parse(Regex.Match(text, @"[\d.]+").Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Timeline_JumpBackBeforeACrash_ShowsTheClusterThen_AndContinuesAsABranch()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        var (oldLeader, _) = await election.WaitForLeaderAsync();
        await election.PauseAsync();
        double crashAt = await ClockSecondsAsync(page);
        await election.CrashLeaderButton.ClickAsync();
        await Expect(election.ActiveFault("Crash leader")).ToBeVisibleAsync();
        await election.PlayAsync();
        await election.WaitForLeaderAsync(minTerm: 2);
        await election.PauseAsync();

        double back = Math.Round(crashAt / 2, 1);
        await election.OpenTabAsync("Time travel");
        var seconds = Timeline(page).GetByLabel("Seconds");
        await seconds.FillAsync(back.ToString("0.0", CultureInfo.InvariantCulture));
        await seconds.PressAsync("Tab");
        await Timeline(page).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Jump to ") }).ClickAsync();

        await Expect(Clock(page)).ToHaveTextAsync($"t = {back.ToString("0.000", CultureInfo.InvariantCulture)} s");
        await Expect(Timeline(page).GetByTestId("scrubber-preview")).ToContainTextAsync($"Showing the run at {back.ToString("0.000", CultureInfo.InvariantCulture)} s");
        await Expect(election.ActiveFault("Crash leader")).ToHaveCountAsync(0);
        await Expect(election.Node(oldLeader)).Not.ToHaveAccessibleNameAsync(new Regex($"^Node {oldLeader}, crashed"));

        await Timeline(page).GetByRole(AriaRole.Button, new() { Name = "Continue from here", Exact = true }).ClickAsync();

        await Expect(election.Status("Running")).ToBeVisibleAsync();
        await Expect(Timeline(page).GetByTestId("scrubber-branch")).ToContainTextAsync($"went back to {back.ToString("0.000", CultureInfo.InvariantCulture)} s");
        await election.WaitForLeaderAsync();
        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Lesson_ReachTheFirstCheckpoints_ThenPredictTheCrashBeforeItIsRevealed()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var page = session.Page;
        var election = new LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        await election.OpenTabAsync("Lessons");

        await Lesson(page).GetByRole(AriaRole.Button, new() { Name = "Start lesson: Losing the leader", Exact = true }).ClickAsync();
        await Expect(Lesson(page).GetByTestId("lesson-step")).ToHaveTextAsync("Step 1 of 6: Five nodes, nobody in charge");
        await Expect(Lesson(page).GetByTestId("lesson-checkpoint")).ToHaveAttributeAsync("data-status", "waiting");
        await election.PlayAsync();

        await Expect(Lesson(page).GetByTestId("lesson-checkpoint")).ToHaveAttributeAsync("data-status", "reached", new() { Timeout = 30_000 });
        await Lesson(page).GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        await Expect(Lesson(page).GetByTestId("lesson-step")).ToHaveTextAsync("Step 2 of 6: A leader keeps its followers quiet");
        await Expect(Lesson(page).GetByTestId("lesson-checkpoint")).ToHaveAttributeAsync("data-status", "reached", new() { Timeout = 30_000 });
        await Lesson(page).GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        // The crash waits for the learner's prediction, then the reveal marks what happened.
        await Expect(Lesson(page).GetByTestId("lesson-step")).ToHaveTextAsync("Step 3 of 6: Crash the leader");
        await Expect(Lesson(page).GetByTestId("lesson-reveal")).ToBeDisabledAsync();
        await Expect(election.ActiveFault("Crash leader")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousFindingsAsync(page, "a lesson's prediction step");
        await Lesson(page).GetByLabel("Two nodes lead at once until the old leader returns").CheckAsync();
        await Lesson(page).GetByTestId("lesson-reveal").ClickAsync();
        await Expect(election.ActiveFault("Crash leader")).ToBeVisibleAsync();
        await Expect(Lesson(page).Locator(".prediction-result")).ToContainTextAsync("what happened was \"A follower times out and wins an election in a higher term\"");
        await Expect(Lesson(page).GetByTestId("lesson-checkpoint")).ToHaveAttributeAsync("data-status", "reached", new() { Timeout = 30_000 });
        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
