using Bunit;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Patterns.LeaderElection;

namespace PatternDashboard.Web.Tests.Components;

public sealed class LeadershipTimelineChartTests : DashboardTestContext
{
    private static LeadershipSpan[] Reigns(bool ended) =>
    [
        new(1, "n1", 0.4, ended ? 50 : null),
    ];

    private IRenderedComponent<LeadershipTimelineChart> RenderChart(LeadershipSpan[] timeline, double now) =>
        Render<LeadershipTimelineChart>(p => p.Add(x => x.Timeline, timeline).Add(x => x.Now, now).Add(x => x.NodeIds, ["n1", "n2", "n3"]));

    [Fact]
    public void Update_NowMovesUnderOnePercent_KeepsTheDrawingAndAMoveBeyondRedraws()
    {
        var cut = RenderChart(Reigns(false), now: 100);
        int renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Timeline, Reigns(false)).Add(x => x.Now, 100.5));
        Assert.Equal(renders, cut.RenderCount);
        Assert.Contains("to 100 s", cut.Find("svg").GetAttribute("aria-label"));

        cut.Render(p => p.Add(x => x.Timeline, Reigns(false)).Add(x => x.Now, 102));
        Assert.True(cut.RenderCount > renders);
        Assert.Contains("to 102 s", cut.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Update_ReignEnds_IsDrawnAtOnce()
    {
        var cut = RenderChart(Reigns(false), now: 100);

        cut.Render(p => p.Add(x => x.Timeline, Reigns(true)).Add(x => x.Now, 100.1));

        Assert.Contains("no leader now", cut.Find("svg").GetAttribute("aria-label"));
    }
}
