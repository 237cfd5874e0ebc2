using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class ScreenshotTests(AppServerFixture app, BrowserFixture browser)
{
    private const int Attempts = 5;

    /// <summary>
    /// The README's picture: the page in a 1400×900 window, from its heading to the end of the cluster's picture,
    /// with the cluster running, a leader, and messages in flight. At
    /// 0.01x a heartbeat takes about a second of wall time to cross, so one caught travelling is still on its way
    /// when the screenshot is taken; the test checks that the same message was in flight before and after.
    /// </summary>
    [Fact]
    public async Task Screenshot_RunningClusterWithALeader_IsSavedForTheReadme()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.Path, options =>
        {
            options.ViewportSize = new ViewportSize { Width = 1400, Height = 900 };
            options.ReducedMotion = ReducedMotion.NoPreference;
        });
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        await election.WaitForLeaderAsync();
        await election.SpeedButton("0.01x").ClickAsync();
        await Expect(election.SpeedButton("0.01x")).ToHaveAttributeAsync("aria-pressed", "true");

        // The navigation drawer is as tall as the window, so in a picture taller than the window it would end
        // halfway down; closed, it leaves the page its full width.
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Patterns" })).Not.ToBeInViewportAsync();
        // Leave no hover or focus ring on the menu button.
        await election.Heading.ClickAsync();

        // From the top of the page down to the end of the cluster's picture, which reaches a little below the fold.
        var cluster = await election.ClusterPanel.BoundingBoxAsync();
        Assert.NotNull(cluster);
        var clip = new Clip { X = 0, Y = 0, Width = 1400, Height = MathF.Ceiling(cluster.Y + cluster.Height + 8) };

        string? path = null;
        for (var attempt = 1; attempt <= Attempts && path is null; attempt++)
        {
            await Expect(election.MessagesInFlight).Not.ToHaveCountAsync(0);
            var before = await MessagesAsync(election);
            var taken = await session.ScreenshotAsync("leader-election", clip);
            var after = await MessagesAsync(election);
            if (before.Intersect(after).Any())
            {
                path = taken;
            }
        }

        Assert.True(path is not null, $"No screenshot in {Attempts} attempts caught a message in flight.");
        await election.WaitForLeaderAsync();
        await Expect(election.Status("Running")).ToBeVisibleAsync();
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
