using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class ScreenshotTests(AppServerFixture app, BrowserFixture browser)
{
    private const int Attempts = 5;

    /// <summary>
    /// The README's pictures: the dashboard as a projector shows it (1280×720, presenter mode) and on a wide screen
    /// (1920×1080), with the cluster running, a leader, and messages in flight; the first screen only, as a person
    /// sees it on opening. At 0.01x a heartbeat takes about a second of wall time to cross, so one caught
    /// travelling is still on its way when the screenshot is taken; the test checks that the same message was in
    /// flight before and after.
    /// </summary>
    [Theory]
    [InlineData(1280, 720, true, "leader-election-presenter")]
    [InlineData(1920, 1080, false, "leader-election")]
    public async Task Screenshot_RunningClusterWithALeader_IsSavedForTheReadme(int width, int height, bool presenter, string name)
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.Path + (presenter ? "?presenter=1" : ""), options =>
        {
            options.ViewportSize = new ViewportSize { Width = width, Height = height };
            options.ReducedMotion = ReducedMotion.NoPreference;
        });
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await Expect(election.Status("Running")).ToBeVisibleAsync();
        await election.WaitForLeaderAsync();
        await election.SetSpeedAsync("0.01x");
        // Leave no hover or focus ring on a control.
        await election.Heading.ClickAsync();

        var clip = new Clip { X = 0, Y = 0, Width = width, Height = height };
        string? path = null;
        for (var attempt = 1; attempt <= Attempts && path is null; attempt++)
        {
            await Expect(election.MessagesInFlight).Not.ToHaveCountAsync(0);
            var before = await MessagesAsync(election);
            var taken = await session.ScreenshotAsync(name, clip);
            var after = await MessagesAsync(election);
            if (before.Intersect(after).Any())
            {
                path = taken;
            }
        }

        Assert.True(path is not null, $"No screenshot in {Attempts} attempts caught a message in flight.");
        await election.WaitForLeaderAsync();
        Assert.True(new FileInfo(path).Length > 20_000, $"{path} is suspiciously small.");
        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    /// <summary>
    /// Each message drawn, by its tooltip ("heartbeat from n2 to n4"). At 0.01x the next message with the same
    /// tooltip is seconds of wall time away, so a tooltip seen before and after a screenshot is one message.
    /// </summary>
    private static async Task<string[]> MessagesAsync(LeaderElectionPage election) =>
        await election.MessagesInFlight.EvaluateAllAsync<string[]>("paths => paths.map(p => p.querySelector('title')?.textContent ?? '')");
}
