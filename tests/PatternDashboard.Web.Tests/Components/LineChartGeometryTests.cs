using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Tests.Components;

public sealed class LineChartGeometryTests
{
    [Fact]
    public void For_PointsSpanThePlot_FromTheEarliestToTheNewest()
    {
        MetricPoint[] line = [new(10, 0), new(15, 50), new(20, 100)];

        var chart = LineChartGeometry.For([line], 220, 6);

        // Left to right across the plot; 0 at the bottom, the top tick (100) at the top.
        string expected = $"M{chart.PlotLeft},{chart.PlotBottom}L{(chart.PlotLeft + chart.PlotRight) / 2},{(chart.PlotTop + chart.PlotBottom) / 2}L{chart.PlotRight},{chart.PlotTop}";
        Assert.Equal(expected, chart.Paths.Single());
        Assert.Equal(["0", "20", "40", "60", "80", "100"], chart.ValueTicks.Select(t => t.Label));
        Assert.Equal(["10", "12", "14", "16", "18", "20"], chart.TimeTicks.Select(t => t.Label));
    }

    [Fact]
    public void For_ShorterSeries_CoversTheEndOfTheSharedAxis()
    {
        MetricPoint[] longer = [new(0, 1), new(10, 1)];
        MetricPoint[] shorter = [new(5, 1), new(10, 1)];

        var chart = LineChartGeometry.For([longer, shorter], 220, 6);

        double middle = (chart.PlotLeft + chart.PlotRight) / 2;
        Assert.StartsWith($"M{middle},", chart.Paths[1]);
    }

    [Fact]
    public void For_NoPoints_DrawsNothing()
    {
        var chart = LineChartGeometry.For([[]], 220, 6);

        Assert.Empty(chart.Paths);
        Assert.Empty(chart.ValueTicks);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 1)]
    [InlineData(9, 2)]
    [InlineData(23, 5)]
    [InlineData(100, 20)]
    [InlineData(0.3, 0.1)]
    [InlineData(double.NaN, 1)]
    public void NiceStep_GivesAboutFiveRoundSteps(double max, double step) =>
        Assert.Equal(step, LineChartGeometry.NiceStep(max), 9);
}

public sealed class TimeAxisTests
{
    [Fact]
    public void X_PlacesTimesAcross_AndClampsOutsiders()
    {
        var axis = new TimeAxis(10, 20, 100, 300);

        Assert.Equal(100, axis.X(10));
        Assert.Equal(200, axis.X(15));
        Assert.Equal(300, axis.X(25));
        Assert.Equal(100, axis.X(0));
    }

    [Fact]
    public void Ticks_AreRoundAndWithinTheAxis()
    {
        Assert.Equal([0.0, 10, 20, 30, 40, 50, 60], new TimeAxis(0, 60, 0, 1).Ticks(6));
        Assert.Equal([5.0], new TimeAxis(5, 5, 0, 1).Ticks(6));
    }
}
