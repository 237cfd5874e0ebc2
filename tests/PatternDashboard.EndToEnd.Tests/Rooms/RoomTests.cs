using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.EndToEnd.Tests.LeaderElection;
using PatternDashboard.Web.Rooms;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Rooms;

/// <summary>An instructor and a student in two browser contexts, sharing a room.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class RoomTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task InstructorCrashesANode_TheStudentSeesIt_WithoutAnyControl()
    {
        await using var instructor = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var teacher = new LeaderElectionPage(instructor.Page);
        string code = await StartRoomAsync(teacher);
        try
        {
            await using var studentSession = await browser.OpenAsync(app, "/join");
            var student = await JoinAsync(studentSession, code);

            // Watching only: no clock, fault or node controls, no way to start a room; "Try it yourself" instead.
            await Expect(student.Page.GetByText("The instructor controls this run; you are watching.")).ToBeVisibleAsync();
            await Expect(student.Button("Try it yourself")).ToBeVisibleAsync();
            await Expect(student.PlayButton.Or(student.PauseButton)).ToHaveCountAsync(0);
            await Expect(student.StepButton).ToHaveCountAsync(0);
            await Expect(student.ResetButton).ToHaveCountAsync(0);
            await Expect(student.Page.GetByRole(AriaRole.Region, new() { Name = "Cluster faults" })).ToHaveCountAsync(0);
            await Expect(student.NodeActionsMenu("n1")).ToHaveCountAsync(0);
            await Expect(student.Button("Start a room")).ToHaveCountAsync(0);
            await student.Node("n1").ClickAsync();
            await Expect(student.Button("Crash n1")).ToHaveCountAsync(0);

            // The count arrives with the run's updates, so it is checked once the run plays (a paused room shows it late).
            await teacher.PlayAsync();
            await Expect(instructor.Page.Locator(".room-viewers")).ToHaveTextAsync("2 viewers, you included");
            await teacher.WaitForLeaderAsync();
            await teacher.Node("n1").ClickAsync();
            await teacher.Button("Crash n1").ClickAsync();

            await Expect(student.Node("n1")).ToHaveAccessibleNameAsync(new Regex("^Node n1, crashed"));
            await Expect(student.ActiveFault("Crash node")).ToBeVisibleAsync();
            await Expect(student.Status("Running")).ToBeVisibleAsync();

            // The secret never reaches the student: not in the page, not in its storage.
            string key = await InstructorKeyAsync(instructor.Page);
            Assert.DoesNotContain(key, await student.Page.ContentAsync());
            Assert.DoesNotContain(key, await student.Page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage) + document.cookie + location.href"));
            studentSession.AssertNoConsoleErrors();
            instructor.AssertNoConsoleErrors();
        }
        finally
        {
            CloseRoom(code);
        }
    }

    [Fact]
    public async Task StudentForks_TheSandboxDivergesWhileTheRoomGoesOn()
    {
        await using var instructor = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var teacher = new LeaderElectionPage(instructor.Page);
        string code = await StartRoomAsync(teacher);
        try
        {
            await teacher.PlayAsync();
            await teacher.WaitForLeaderAsync();
            // This student follows the join link (as the QR code holds it) instead of typing the code.
            await using var studentSession = await browser.OpenAsync(app, $"/join/{code}");
            var student = new LeaderElectionPage(studentSession.Page);
            await Expect(studentSession.Page).ToHaveURLAsync(new Regex($@"/patterns/leader-election\?room={code}$"));
            await Expect(studentSession.Page.Locator(".room-badge")).ToHaveTextAsync($"Room {code}");

            await student.Button("Try it yourself").ClickAsync();

            // The student's own run: controls are back, it starts paused where the room was.
            await Expect(student.Page).ToHaveURLAsync(new Regex(@"/patterns/leader-election\?session=[0-9a-f]+$"));
            await Expect(student.PlayButton).ToBeVisibleAsync();
            await Expect(student.Status("Paused")).ToBeVisibleAsync();
            await Expect(student.Leaders()).ToHaveCountAsync(1);
            await student.Node("n3").ClickAsync();
            await student.Button("Crash n3").ClickAsync();
            await Expect(student.Node("n3")).ToHaveAccessibleNameAsync(new Regex("^Node n3, crashed"));
            // The copy's own panels follow it as well, once scrolled to.
            await student.ShowPanelsAsync();
            await Expect(student.NodeRow("n3").GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("crashed");

            // The room knows nothing of it: n3 is up there, and the room's clock keeps running while the copy is paused.
            await Expect(teacher.Node("n3")).Not.ToHaveAccessibleNameAsync(new Regex("crashed"));
            await Expect(teacher.ActiveFaults.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(0);
            await Expect(teacher.Status("Running")).ToBeVisibleAsync();
            string studentClock = await ClockAsync(student.Page);
            await Expect(teacher.Page.Locator(".clock-time")).Not.ToHaveTextAsync(studentClock);
            await Expect(student.Page.Locator(".clock-time")).ToHaveTextAsync(studentClock);
        }
        finally
        {
            CloseRoom(code);
        }
    }

    [Fact]
    public async Task InstructorLink_GivesControlInAnotherBrowser_AndPresenterModeHidesTheChrome()
    {
        await using var instructor = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var teacher = new LeaderElectionPage(instructor.Page);
        string code = await StartRoomAsync(teacher);
        try
        {
            string key = await InstructorKeyAsync(instructor.Page);
            await using var second = await browser.OpenAsync(app, $"{LeaderElectionPage.Path}?room={code}&presenter=1#key={key}");
            var projector = new LeaderElectionPage(second.Page);

            await projector.ExpectReadyAsync();
            await Expect(second.Page.Locator(".instructor-panel .room-code")).ToHaveTextAsync(code);
            // The key leaves the address bar, and presenter mode hides the app bar and the secret link.
            await Expect(second.Page).ToHaveURLAsync(new Regex($@"\?room={code}&presenter=1$"));
            await Expect(second.Page.Locator("html.presenter")).ToHaveCountAsync(1);
            await Expect(second.Page.Locator(".mud-appbar")).ToBeHiddenAsync();
            await Expect(second.Page.Locator(".instructor-secret")).ToBeHiddenAsync();

            // Control survives a reload, from this tab's storage.
            await second.GotoAsync($"{LeaderElectionPage.Path}?room={code}");
            await projector.PlayAsync();
            await Expect(teacher.Status("Running")).ToBeVisibleAsync();
            second.AssertNoConsoleErrors();
        }
        finally
        {
            CloseRoom(code);
        }
    }

    /// <summary>Presses "Start a room" and returns the join code the instructor panel shows.</summary>
    private static async Task<string> StartRoomAsync(LeaderElectionPage teacher, bool fromThisRun = false)
    {
        await teacher.ExpectReadyAsync();
        await teacher.StartRoomAsync(fromThisRun);
        var code = teacher.Page.Locator(".instructor-panel .room-code");
        await Expect(code).ToHaveTextAsync(new Regex("^[A-Z0-9]{6}$"));
        await Expect(teacher.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^QR code of the join link") })).ToBeVisibleAsync();
        return await code.TextContentAsync() ?? "";
    }

    /// <summary>Types the code on the join page (lower case, as people do) and waits for the room's view.</summary>
    private static async Task<LeaderElectionPage> JoinAsync(PageSession student, string code)
    {
        var field = student.Page.Locator("#room-code");
        var room = new Regex($@"/patterns/leader-election\?room={code}$");
        await field.FillAsync(code.ToLowerInvariant());
        await field.PressAsync("Enter");
        // The text field hands its value on asynchronously, so an Enter pressed the instant the code is filled in
        // can reach the form first ("A room code is required"); a person seeing that presses Enter again.
        var required = student.Page.GetByText("A room code is required");
        // The room's page runs in the browser: it first starts .NET there, which a busy machine makes slow.
        await Expect(student.Page.Locator(".join-error").Or(student.Page.Locator(".room-badge"))).ToBeVisibleAsync(new() { Timeout = 60_000 });
        if (await required.IsVisibleAsync())
        {
            await field.PressAsync("Enter");
        }
        await Expect(student.Page).ToHaveURLAsync(room, new() { Timeout = 60_000 });
        var page = new LeaderElectionPage(student.Page);
        await Expect(page.Heading).ToBeVisibleAsync();
        await Expect(student.Page.Locator(".room-badge")).ToHaveTextAsync($"Room {code}");
        return page;
    }

    private static async Task<string> InstructorKeyAsync(IPage instructor)
    {
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Show instructor link", Exact = true }).ClickAsync();
        string link = (await instructor.Locator("[data-secret-link]").TextContentAsync() ?? "").Trim();
        var match = KeyInLink().Match(link);
        Assert.True(match.Success, $"The instructor link '{link}' has no key.");
        return Uri.UnescapeDataString(match.Groups["key"].Value);
    }

    private static async Task<string> ClockAsync(IPage page) => (await page.Locator(".clock-time").TextContentAsync() ?? "").Trim();

    /// <summary>Rooms outlive their browsers; close this test's so its cluster does not keep running.</summary>
    private void CloseRoom(string code) => app.Services.GetRequiredService<RoomManager>().Close(code);

    [GeneratedRegex("#key=(?<key>[A-Za-z0-9_%-]+)$")]
    private static partial Regex KeyInLink();
}
