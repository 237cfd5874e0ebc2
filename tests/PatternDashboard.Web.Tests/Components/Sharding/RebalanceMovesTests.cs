using Bunit;
using PatternDashboard.Simulation.Patterns.Sharding;
using PatternDashboard.Web.Components.Patterns.Sharding;

namespace PatternDashboard.Web.Tests.Components.Sharding;

public sealed class RebalanceMovesTests : DashboardTestContext
{
    private static StrategyView Store(string id, StrategyMove? move, bool rebalancing = false, IReadOnlyList<string>? waiting = null) => new(
        id, id, "placement", 1000, rebalancing ? 120 : 0, rebalancing, waiting ?? [], move, move is null ? null : "Shard 5 added",
        move?.Moved ?? 0, 0, 0, 0, 0, 1, 0.2, [], []);

    [Fact]
    public void LastMove_ShowsCountAndShare_BesideTheExpectedShare()
    {
        var cut = Render<RebalanceMoves>(p => p.Add(x => x.Strategies,
            [Store("modulo", new StrategyMove("modulo", 812, 0.812, 0.8, 640)), Store("ring", new StrategyMove("ring", 195, 0.195, 0.2, 0))]));

        Assert.Equal("812 (81.2 %)", cut.Find("tr[data-strategy='modulo'] [data-stat='moved']").TextContent);
        Assert.Equal("about 80 %", cut.Find("tr[data-strategy='modulo'] [data-stat='expected']").TextContent);
        Assert.Equal("640", cut.Find("tr[data-strategy='modulo'] [data-stat='needless']").TextContent);
        Assert.Equal("about 20 %", cut.Find("tr[data-strategy='ring'] [data-stat='expected']").TextContent);
    }

    [Fact]
    public void RunningRebalance_SaysWhatIsOnItsWayAndWhoItWaitsFor_AndNoMoveYetShowsDashes()
    {
        var cut = Render<RebalanceMoves>(p => p.Add(x => x.Strategies,
            [Store("range", new StrategyMove("range", 125, 0.125, 0.125, 0), rebalancing: true, waiting: ["s2", "s5"]), Store("ring", null)]));

        Assert.Equal("running: 120 keys on their way, waiting for s2, s5", cut.Find("tr[data-strategy='range'] [data-stat='rebalance']").TextContent);
        Assert.Equal("—", cut.Find("tr[data-strategy='ring'] [data-stat='moved']").TextContent);
        Assert.Contains("none yet", cut.Find("tr[data-strategy='ring']").TextContent);
    }
}
