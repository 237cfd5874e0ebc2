using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Sharding;

[Collection(EndToEndCollection.Name)]
public sealed class AddAShardTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task AddAShard_ModuloMovesMostKeys_TheRingAFifth_ThenAHotKeyHeatsOneShardInEveryStore_AndACrashedShardStopsAnswering()
    {
        await using var session = await browser.OpenAsync(app, ShardingPage.PausedPath);
        var page = new ShardingPage(session.Page);
        await page.ExpectReadyAsync();
        await page.PlayAsync();
        await Expect(page.KeyState("modulo")).ToHaveTextAsync("no rebalance yet");

        await page.ClusterFaultAsync("Add a shard");

        // From 4 to 5 shards: hash modulo N moves about 4 keys in 5, the ring about 1 in 5.
        await Expect(page.KeyState("modulo")).ToHaveTextAsync(new Regex(@"^moved \d+ keys \((7[4-9]|8[0-6]) %\), about 80 % expected$"), Patiently);
        await Expect(page.KeyState("ring")).ToHaveTextAsync(new Regex(@"^moved \d+ keys \(([1-2]\d|3[0-5]) %\), about 20 % expected$"));
        await page.OpenTabAsync("Details");
        await Expect(page.Moved("ring", "needless")).ToHaveTextAsync("0");
        await Expect(page.Moved("range", "needless")).ToHaveTextAsync("0");
        await Expect(page.Moved("modulo", "rebalance")).ToHaveTextAsync("done", Patiently);
        await Expect(page.HeatCell("ring", "s5").Locator("[data-stat=keys]")).ToHaveTextAsync(new Regex(@"^[1-9]\d* keys$"));
        await Expect(page.MapOf("modulo")).ToHaveCountAsync(5);

        await page.ClusterFaultWithValueAsync("Hot key");
        await Expect(page.Banner("hot-key")).ToBeVisibleAsync();
        foreach (var strategy in new[] { "modulo", "ring", "range" })
        {
            var hottest = page.Hottest(strategy).Locator("xpath=..").Locator("[data-stat=load]");
            await Expect(hottest).ToHaveTextAsync(new Regex(@" · ([4-9]\d) %$"), Patiently);
        }

        // A crashed shard stops answering: its cells say so and requests for its keys go unanswered.
        await page.NodeActionAsync("Shard 1", "Crash s1");
        await Expect(page.HeatCell("ring", "s1").Locator("[data-mark=down]")).ToBeVisibleAsync();
        await Expect(page.Stat("requests")).ToHaveTextAsync(new Regex($@"· {NumberPattern.AtLeast(1)} unavailable$"), Patiently);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}
