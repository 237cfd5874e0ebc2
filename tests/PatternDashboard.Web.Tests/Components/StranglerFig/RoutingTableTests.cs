using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.StranglerFig;
using PatternDashboard.Web.Components.Patterns.StranglerFig;

namespace PatternDashboard.Web.Tests.Components.StranglerFig;

public sealed class RoutingTableTests : DashboardTestContext
{
    private static StranglerFigCluster Run(double seconds)
    {
        var cluster = (StranglerFigCluster)PatternCatalog.CreateRegistry().Get(StranglerFigPattern.Id).CreateSimulation(4);
        cluster.RunFor(TimeSpan.FromSeconds(seconds));
        return cluster;
    }

    private IRenderedComponent<RoutingTable> RenderTable(StranglerFigDetails details) =>
        Render<RoutingTable>(p => p.Add(x => x.Details, details));

    [Fact]
    public void CatalogInShadow_RowSaysTheStage_LegacyServesAll_AndTheBaselineRemovesTheNoise()
    {
        var cluster = Run(14); // shadow from 8 s at the default 8 s per stage
        var cut = RenderTable(cluster.Details());

        Assert.Equal(StranglerFigPattern.Feature.All, cut.FindAll("tbody tr").Select(r => r.GetAttribute("data-feature")));
        var catalog = cut.Find("tr[data-feature='catalog']");
        Assert.Equal("shadow", catalog.QuerySelector("td[data-col='stage'] .stage")!.TextContent.Trim());
        Assert.Contains("legacy 100 % · new 0 %", catalog.QuerySelector("td[data-col='share']")!.TextContent);
        string mismatch = catalog.QuerySelector("td[data-col='mismatch']")!.TextContent;
        Assert.Contains("0 % real · 100 % without baseline", mismatch);
        Assert.Contains("noise: at, id", mismatch);
        Assert.Contains("not shadowed yet", cut.Find("tr[data-feature='orders'] td[data-col='mismatch']").TextContent);
        Assert.Contains("checkout (write)", cut.Find("tr[data-feature='checkout'] th").TextContent);
        Assert.Contains("Moving catalog now", cut.Find("[data-stat='plan']").TextContent);
    }

    [Fact]
    public void CatalogPastShadow_SaysSoAndKeepsWhatShadowingFound()
    {
        var cluster = Run(45);
        Assert.NotEqual(RouteStage.Shadow, cluster.Route("catalog").Stage);

        string mismatch = RenderTable(cluster.Details()).Find("tr[data-feature='catalog'] td[data-col='mismatch']").TextContent;

        Assert.Matches(@"^not shadowed now; in all 0 real of [1-9]\d* \([1-9]\d* without baseline\)$", mismatch.Trim());
    }

    [Fact]
    public void HeldFeatureWithABug_SaysBothInWords_AndItsRollback()
    {
        var cluster = Run(3);
        cluster.InjectFault(new FaultRequest(StranglerFigPattern.Fault.BugErrors, StranglerFigPattern.ServiceId("orders"), 50));
        cluster.InjectFault(new FaultRequest(StranglerFigPattern.Fault.Rollback, StranglerFigPattern.ServiceId("orders")));
        cluster.RunFor(TimeSpan.FromSeconds(1));

        var row = RenderTable(cluster.Details()).Find("tr[data-feature='orders']");

        Assert.Contains("held on legacy", row.TextContent);
        Assert.Contains("bug planted", row.TextContent);
        Assert.Contains("1: rolled back by hand", row.QuerySelector("td[data-col='rollbacks']")!.TextContent);
    }

    [Fact]
    public void BigBang_PlanSaysEverythingMovedAtOnce()
    {
        var cluster = Run(2);
        cluster.InjectFault(new FaultRequest(StranglerFigPattern.Fault.BigBang));
        cluster.RunFor(TimeSpan.FromSeconds(3));

        var cut = RenderTable(cluster.Details());

        Assert.Contains("Big bang", cut.Find("[data-stat='plan']").TextContent);
        Assert.All(cut.FindAll("td[data-col='stage'] .stage"), s => Assert.Equal("big bang", s.TextContent.Trim()));
        Assert.Contains("new 100 %", cut.Find("tr[data-feature='profile'] td[data-col='share']").TextContent);
    }
}
