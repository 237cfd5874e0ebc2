using Bunit;
using PatternDashboard.Simulation.Patterns.Sharding;
using PatternDashboard.Web.Components.Patterns.Sharding;

namespace PatternDashboard.Web.Tests.Components.Sharding;

public sealed class ShardHeatMapTests : DashboardTestContext
{
    private static StrategyView Store(string id, string title, params ShardCell[] cells) => new(
        id, title, "placement", cells.Sum(c => c.Keys), 0, false, [], null, null, 0, 0, 0, 0, 0, 1, cells.Max(c => c.LoadShare), cells, []);

    private static ShardCell Cell(string shard, int keys, double load, double share, bool up = true, bool inService = true) =>
        new(shard, $"Shard {shard[1..]}", up, inService, keys, keys / 1000.0, load, share);

    private IRenderedComponent<ShardHeatMap> RenderMap(params StrategyView[] stores) =>
        Render<ShardHeatMap>(p => p.Add(x => x.Strategies, stores));

    [Fact]
    public void EveryCell_SaysItsKeysAndLoadInNumbers()
    {
        var cut = RenderMap(Store("ring", "consistent hashing", Cell("s1", 260, 5.5, 0.275), Cell("s2", 240, 4.5, 0.225)));

        var cell = cut.Find("tr[data-strategy='ring'] td[data-shard='s1']");
        Assert.Equal("260 keys", cell.QuerySelector("[data-stat='keys']")!.TextContent);
        Assert.Equal("5.5/s · 28 %", cell.QuerySelector("[data-stat='load']")!.TextContent);
    }

    [Fact]
    public void HottestShard_IsMarkedInWords_NotOnlyByItsShade()
    {
        var cut = RenderMap(
            Store("modulo", "hash modulo N", Cell("s1", 250, 12, 0.6), Cell("s2", 250, 8, 0.4)),
            Store("range", "key range", Cell("s1", 250, 2, 0.1), Cell("s2", 250, 18, 0.9)));

        Assert.NotNull(cut.Find("tr[data-strategy='modulo'] td[data-shard='s1'] [data-mark='hottest']"));
        Assert.NotNull(cut.Find("tr[data-strategy='range'] td[data-shard='s2'] [data-mark='hottest']"));
        Assert.Single(cut.FindAll("tr[data-strategy='range'] [data-mark='hottest']"));
        string hot = cut.Find("tr[data-strategy='range'] td[data-shard='s2']").GetAttribute("style")!;
        string cool = cut.Find("tr[data-strategy='range'] td[data-shard='s1']").GetAttribute("style")!;
        Assert.NotEqual(hot, cool);
    }

    [Fact]
    public void Columns_CoverEveryShardOfAnyStore_AndAShardAStoreLacksShowsADash()
    {
        var cut = RenderMap(
            Store("modulo", "hash modulo N", Cell("s1", 500, 1, 0.5), Cell("s2", 500, 1, 0.5)),
            Store("range", "key range", Cell("s1", 400, 1, 0.4), Cell("s2", 300, 1, 0.3), Cell("s10", 300, 1, 0.3)));

        var headers = cut.FindAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Strategy", "s1", "s2", "s10"], headers);
        Assert.Equal("—", cut.Find("tr[data-strategy='modulo'] td[data-shard='s10']").TextContent.Trim());
    }

    [Fact]
    public void DownAndLeavingShards_SayWhy()
    {
        var cut = RenderMap(Store("ring", "consistent hashing", Cell("s1", 500, 0, 0, up: false), Cell("s2", 100, 3, 1, inService: false)));

        Assert.Contains("down", cut.Find("td[data-shard='s1'] [data-mark='down']").TextContent);
        Assert.Contains("leaving", cut.Find("td[data-shard='s2'] [data-mark='leaving']").TextContent);
    }
}
