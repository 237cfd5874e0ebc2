using System.Text.Json;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

/// <summary>A message in flight moves on its own between updates, toward its receiver, and stands still when paused.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MessageMotionTests(AppServerFixture app, BrowserFixture browser)
{
    // Where each flying message is drawn now, by its tooltip: the animated position, not the one the last update set.
    private const string Positions = """
        paths => paths.filter(p => p.classList.contains('flying')).map(p => {
            const m = new DOMMatrix(getComputedStyle(p).transform);
            // A message that reached its receiver waits there, its flight finished, until the next update drops it.
            return { title: p.querySelector('title')?.textContent ?? '', x: m.e, y: m.f, animated: p.getAnimations().some(a => a.playState === 'running' || a.playState === 'finished') };
        })
        """;

    [Fact]
    public async Task Message_MovesBetweenUpdates_WhileTheRunPlays()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.Path, options => options.ReducedMotion = ReducedMotion.NoPreference);
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.WaitForLeaderAsync();
        // At 0.01x a heartbeat crosses in seconds of wall time, so the same message is seen twice, well apart.
        await election.SetSpeedAsync("0.01x");
        await Expect(election.MessagesInFlight.Locator("xpath=self::*[contains(@class,'flying')]").First).ToBeAttachedAsync();

        // A busy machine can draw the next update late, after the messages seen first have landed; look again then.
        JsonElement after = default;
        List<double> moved = [];
        for (int attempt = 0; attempt < 10 && moved.Count == 0; attempt++)
        {
            var before = await election.MessagesInFlight.EvaluateAllAsync<JsonElement>(Positions);
            await session.Page.WaitForTimeoutAsync(300);
            after = await election.MessagesInFlight.EvaluateAllAsync<JsonElement>(Positions);
            moved = [.. Read(before).Join(Read(after), b => b.Title, a => a.Title, (b, a) => Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y))];
        }
        Assert.NotEmpty(moved);
        // The browser moves them (an animation on each, running or just landed), not only the updates.
        Assert.All(after.EnumerateArray(), m => Assert.True(m.GetProperty("animated").GetBoolean(), $"{m.GetProperty("title")} has no animation."));
        Assert.Contains(moved, distance => distance > 0.5);
    }

    private static IEnumerable<(string Title, double X, double Y)> Read(JsonElement drawn) =>
        drawn.EnumerateArray().Select(m => (m.GetProperty("title").GetString() ?? "", m.GetProperty("x").GetDouble(), m.GetProperty("y").GetDouble()));
}
