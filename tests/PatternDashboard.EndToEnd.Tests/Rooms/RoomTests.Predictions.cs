using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Rooms;

// Predict, then reveal: the instructor asks, two students answer on their own devices, the instructor reveals by
// crashing the leader, and each student sees what happened beside their own answer.
public sealed partial class RoomTests
{
    private const string NewLeader = "Another node becomes leader";
    private const string NoLeader = "No leader until it comes back";

    [Fact]
    public async Task TwoStudentsPredict_TheInstructorRevealsByCrashingTheLeader_EachSeesWhatHappened()
    {
        await using var instructor = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var teacher = new LeaderElectionPage(instructor.Page);
        string code = await StartRoomAsync(teacher);
        try
        {
            await teacher.PlayAsync();
            await teacher.WaitForLeaderAsync();
            await using var firstSession = await browser.OpenAsync(app, "/join");
            var first = await JoinAsync(firstSession, code);
            await using var secondSession = await browser.OpenAsync(app, "/join");
            var second = await JoinAsync(secondSession, code);
            await Expect(first.Button("Ask the room to predict")).ToHaveCountAsync(0);

            await AskAsync(teacher.Page);
            await AnswerAsync(first.Page, NewLeader);
            await AnswerAsync(second.Page, NoLeader);

            var tally = teacher.Page.Locator(".question-result");
            await Expect(tally.Nth(0)).ToHaveAttributeAsync("data-count", "1");
            await Expect(tally.Nth(1)).ToHaveAttributeAsync("data-count", "1");
            await Expect(teacher.Page.Locator(".question-status")).ToContainTextAsync("2 of 3 viewers answered. Only you see the tally.");
            await Expect(first.Page.Locator(".result-count")).ToHaveCountAsync(0);
            await Axe.AssertNoSeriousFindingsAsync(second.Page, "a student's page with a question answered");

            await teacher.Button("Show the tally to students").ClickAsync();
            await Expect(first.Page.Locator(".result-count").Nth(0)).ToHaveTextAsync("1 answer, 50 %");
            await teacher.Button("Reveal: Crash leader").ClickAsync();

            await Expect(first.Page.Locator(".question-status")).ToHaveTextAsync($"What happened: {NewLeader}. You predicted it.");
            await Expect(second.Page.Locator(".question-status")).ToHaveTextAsync($"What happened: {NewLeader}. You answered {NoLeader}.");
            await Expect(second.Page.Locator(".question-result.happened")).ToContainTextAsync("✓ What happened");
            await Expect(second.ActiveFault("Crash leader")).ToBeVisibleAsync();
            await Expect(second.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(", crashed") })).ToHaveCountAsync(1);

            await teacher.Button("Close the question").ClickAsync();
            await Expect(first.Page.Locator(".room-question")).ToHaveCountAsync(0);
            firstSession.AssertNoConsoleErrors();
            secondSession.AssertNoConsoleErrors();
            instructor.AssertNoConsoleErrors();
        }
        finally
        {
            CloseRoom(code);
        }
    }

    private static async Task AskAsync(IPage teacher)
    {
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Ask the room to predict", Exact = true }).ClickAsync();
        var form = teacher.GetByRole(AriaRole.Form, new() { Name = "Ask the room" });
        await form.GetByLabel("Question", new() { Exact = true }).FillAsync("The leader is crashed. What happens next?");
        await form.GetByLabel("Answer 1", new() { Exact = true }).FillAsync(NewLeader);
        await form.GetByLabel("Answer 2", new() { Exact = true }).FillAsync(NoLeader);
        await form.GetByTestId("question-expected").SelectOptionAsync("0");
        await form.GetByTestId("question-reveal").SelectOptionAsync(LeaderElectionPattern.Fault.CrashLeader);
        await form.GetByRole(AriaRole.Button, new() { Name = "Ask the room", Exact = true }).ClickAsync();
        await Expect(teacher.Locator(".room-question[data-question-state=open]")).ToBeVisibleAsync();
    }

    private static async Task AnswerAsync(IPage student, string answer)
    {
        var question = student.GetByRole(AriaRole.Region, new() { Name = "Question for the room" });
        await question.GetByLabel(answer).CheckAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(question.Locator(".question-status")).ToHaveTextAsync($"You answered {answer}. Wait for the instructor to reveal what happens.");
    }
}
