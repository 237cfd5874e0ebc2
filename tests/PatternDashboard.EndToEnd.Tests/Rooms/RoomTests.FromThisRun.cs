using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Rooms;

// An instructor prepares a scenario in a private run, then starts the room from it: the class sees it as it was.
public sealed partial class RoomTests
{
    [Fact]
    public async Task RoomFromThisRun_StartsWhereTheInstructorWas()
    {
        await using var instructor = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var teacher = new LeaderElectionPage(instructor.Page);
        await teacher.ExpectReadyAsync();
        await teacher.PlayAsync();
        await teacher.WaitForLeaderAsync();
        await teacher.Node("n2").ClickAsync();
        await teacher.Button("Crash n2").ClickAsync();
        await teacher.PauseAsync();
        string clock = (await instructor.Page.Locator(".clock-time").TextContentAsync() ?? "").Trim();

        string code = await StartRoomAsync(teacher, fromThisRun: true);
        try
        {
            await Expect(teacher.Node("n2")).ToHaveAccessibleNameAsync(new Regex("^Node n2, crashed"));
            await Expect(instructor.Page.Locator(".clock-time")).ToHaveTextAsync(clock);
            await using var studentSession = await browser.OpenAsync(app, "/join");
            var student = await JoinAsync(studentSession, code);
            await Expect(student.Node("n2")).ToHaveAccessibleNameAsync(new Regex("^Node n2, crashed"));
            await Expect(student.ActiveFault("Crash node")).ToBeVisibleAsync();
            await Expect(student.Page.Locator(".clock-time")).ToHaveTextAsync(clock);
            instructor.AssertNoConsoleErrors();
        }
        finally
        {
            CloseRoom(code);
        }
    }
}
