using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.Web.Rooms;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.PubSub;

/// <summary>A room on the Publisher-Subscriber page: the instructor runs it, a student watches without any control.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PubSubRoomTests(AppServerFixture app, BrowserFixture browser)
{
    /// <summary>Buttons that only read the run or leave it, never change it.</summary>
    private static readonly string[] ReadOnlyButtons =
        ["Try it yourself", "Presenter mode", "Export recording", "Copy link", "Export JSON Lines", "Export CSV", "About Publisher-Subscriber", "Close node details",
         // The message diagram's window only changes what this student's own tab draws.
         "Last 10 s", "Last 30 s", "Last 60 s", "Earlier", "Later", "Zoom in", "Zoom out", "Draw", "Export SVG"];

    [Fact]
    public async Task Student_SeesTheBrokerAtWork_WithNoControlAnywhere()
    {
        await using var instructor = await browser.OpenAsync(app, PubSubPage.PausedPath);
        var teacher = new PubSubPage(instructor.Page);
        await Expect(teacher.PlayButton).ToBeVisibleAsync();
        await teacher.StartRoomAsync();
        var codeLabel = instructor.Page.Locator(".instructor-panel .room-code");
        await Expect(codeLabel).ToHaveTextAsync(new Regex("^[A-Z0-9]{6}$"));
        string code = await codeLabel.TextContentAsync() ?? "";
        try
        {
            await using var studentSession = await browser.OpenAsync(app, $"/join/{code}");
            var student = new PubSubPage(studentSession.Page);
            await Expect(studentSession.Page).ToHaveURLAsync(new Regex($@"/patterns/pub-sub\?room={code}$"));
            await Expect(student.Heading).ToBeVisibleAsync();
            await Expect(student.SubscriptionRow("billing")).ToBeVisibleAsync();

            await teacher.PlayAsync();
            await Expect(student.Page.Locator("[data-stat=published]")).ToHaveTextAsync(new Regex("^[1-9]"), new() { Timeout = 15_000 });

            await Expect(student.PlayButton.Or(student.PauseButton)).ToHaveCountAsync(0);
            await Expect(student.Button("Replay dead letters")).ToHaveCountAsync(0);
            await Expect(student.Button("Start a room")).ToHaveCountAsync(0);
            await Expect(student.Page.GetByRole(AriaRole.Region, new() { Name = "Cluster faults" })).ToHaveCountAsync(0);
            await student.OpenTabAsync("Lessons");
            await Expect(student.Page.GetByRole(AriaRole.Region, new() { Name = "Lesson", Exact = true })).ToBeVisibleAsync();
            await Expect(student.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Start lesson") })).ToHaveCountAsync(0);
            await student.Node("Billing 1").ClickAsync();
            await Expect(student.Button("Crash billing-1")).ToHaveCountAsync(0);

            var pressable = await student.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('.mud-main-content button:not([disabled])')].map(b => (b.getAttribute('aria-label') || b.textContent).trim())");
            Assert.All(pressable, text => Assert.True(ReadOnlyButtons.Contains(text), $"The student can press \"{text}\"."));
            // The event log's search and follow switch, and the message diagram's window, only change the student's own view.
            var editable = await student.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('.mud-main-content input, .mud-main-content select, .mud-main-content textarea')]" +
                ".filter(f => !f.disabled && !f.readOnly && !f.closest('.log-filters') && !f.closest('.sequence-panel')).map(f => f.outerHTML)");
            Assert.Empty(editable);
            studentSession.AssertNoConsoleErrors();
            instructor.AssertNoConsoleErrors();
        }
        finally
        {
            app.Services.GetRequiredService<RoomManager>().Close(code);
        }
    }
}
