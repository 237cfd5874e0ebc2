using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Rooms;

// The instructor compares the room's run with a copy that differs; every student sees both runs, and drives neither.
public sealed partial class RoomTests
{
    [Fact]
    public async Task InstructorCompares_TheStudentSeesBothRuns_WithoutControl()
    {
        await using var instructor = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var teacher = new LeaderElectionPage(instructor.Page);
        string code = await StartRoomAsync(teacher);
        try
        {
            await using var studentSession = await browser.OpenAsync(app, "/join");
            var student = await JoinAsync(studentSession, code);
            const string Difference = "Break it: any two votes win";

            await teacher.Button("Compare this run with a copy that differs in one thing").ClickAsync();
            await instructor.Page.GetByRole(AriaRole.Menuitem, new() { Name = $"With “{Difference}”", Exact = true }).ClickAsync();

            var withSide = student.Page.GetByRole(AriaRole.Region, new() { Name = $"With “{Difference}”", Exact = true });
            await Expect(withSide).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(student.Page.GetByRole(AriaRole.Region, new() { Name = $"Without “{Difference}”", Exact = true })).ToBeVisibleAsync();
            await Expect(withSide.GetByRole(AriaRole.Group, new() { Name = "Cluster topology" })).ToBeVisibleAsync();
            await Expect(student.Button("End comparison")).ToHaveCountAsync(0);
            await Expect(student.Page.GetByTestId("fault-aim")).ToHaveCountAsync(0);
            await Expect(student.Page.GetByRole(AriaRole.Region, new() { Name = "Cluster faults" })).ToHaveCountAsync(0);

            // The instructor's clock moves both runs, on the students' screens too.
            await teacher.PlayAsync();
            await Expect(student.Status("Running")).ToBeVisibleAsync();
            await teacher.PauseAsync();
            await Expect(student.Page.GetByTestId("comparison-metrics").GetByRole(AriaRole.Row).Filter(new() { HasText = "Simulated time" }))
                .ToContainTextAsync("same");
            await Axe.AssertNoSeriousFindingsAsync(student.Page, "a student's view of a comparison");
            studentSession.AssertNoConsoleErrors();
        }
        finally
        {
            CloseRoom(code);
        }
    }
}
