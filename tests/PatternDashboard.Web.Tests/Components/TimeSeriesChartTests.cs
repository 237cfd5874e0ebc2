using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>The chart draws one path per line, redrawn once per quarter of a simulated second of new data.</summary>
public sealed class TimeSeriesChartTests : DashboardTestContext
{
    private static SeriesView[] Leaders(double until, double value = 1)
    {
        int count = (int)Math.Round(until / 0.25);
        return [new SeriesView("leaders", "", [.. Enumerable.Range(1, count).Select(i => new MetricPoint(i * 0.25, i == count ? value : 1))])];
    }

    private static string Latest(IRenderedComponent<TimeSeriesChart> cut) => cut.Find(".chart-latest").TextContent;

    [Fact]
    public void Update_WithLessThanAQuarterSecondOfNewData_KeepsTheDrawing()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, Leaders(5, value: 1)).Add(x => x.RedrawEverySeconds, 0.5));
        int renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Series, Leaders(5.25, value: 2)).Add(x => x.RedrawEverySeconds, 0.5));

        Assert.Equal(renders, cut.RenderCount);
        Assert.Equal("Latest: leaders 1", Latest(cut));
    }

    [Fact]
    public void Update_WithAQuarterSecondOfNewData_Redraws()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, Leaders(5, value: 1)));

        cut.Render(p => p.Add(x => x.Series, Leaders(5.25, value: 2)));

        Assert.Equal("Latest: leaders 2", Latest(cut));
    }

    [Fact]
    public void Update_AfterAReset_RedrawsAtOnce()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, Leaders(20, value: 3)));

        cut.Render(p => p.Add(x => x.Series, Leaders(0.5, value: 0)));

        Assert.Equal("Latest: leaders 0", Latest(cut));
    }

    [Fact]
    public void Update_WithRedrawEveryZero_DrawsEveryUpdate()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, Leaders(5, value: 1)).Add(x => x.RedrawEverySeconds, 0));

        cut.Render(p => p.Add(x => x.Series, Leaders(5.25, value: 4)).Add(x => x.RedrawEverySeconds, 0));

        Assert.Equal("Latest: leaders 4", Latest(cut));
    }

    [Fact]
    public void FirstData_AfterAnEmptyChart_IsDrawn()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, [new SeriesView("leaders", "", [])]));
        Assert.Contains("No data yet", Latest(cut));

        cut.Render(p => p.Add(x => x.Series, Leaders(0.25, value: 1)));

        Assert.Equal("Latest: leaders 1", Latest(cut));
    }

    [Fact]
    public void Update_WithOtherLines_RedrawsAtOnce()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, Leaders(5, value: 1)));
        var writes = new[] { new SeriesView("writes", "/s", [new MetricPoint(5.25, 8)]) };

        cut.Render(p => p.Add(x => x.Series, writes));

        Assert.Equal("Latest: writes 8 /s", Latest(cut));
    }

    [Fact]
    public void Lines_EachOnePath_WithValueTicksAndNoLegendForOne()
    {
        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, Leaders(10, value: 4)));

        Assert.Single(cut.FindAll("svg.line-chart path.line"));
        Assert.Equal(["0", "1", "2", "3", "4"], cut.FindAll(".value-tick").Select(t => t.TextContent));
        Assert.Contains("10", cut.FindAll(".time-tick").Select(t => t.TextContent));
        Assert.Empty(cut.FindAll(".legend"));
    }

    [Fact]
    public void TwoLines_TellApartByDashAndName_InTheLegend()
    {
        SeriesView[] writes =
        [
            new("accepted", "/s", [new MetricPoint(1, 5), new MetricPoint(2, 6)]),
            new("rejected", "/s", [new MetricPoint(1, 0), new MetricPoint(2, 1)]),
        ];

        var cut = Render<TimeSeriesChart>(p => p.Add(x => x.Series, writes));

        var paths = cut.FindAll("svg.line-chart path.line");
        Assert.Equal(2, paths.Count);
        Assert.Contains("line-0", paths[0].ClassList);
        Assert.Contains("line-1", paths[1].ClassList);
        Assert.Equal(["accepted", "rejected"], cut.FindAll(".legend li").Select(li => li.TextContent));
        Assert.Equal("Latest: accepted 6 /s; rejected 1 /s", Latest(cut));
    }
}
