using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class MetricSeriesTests
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void Add_FewSamples_KeepsEachOneAsAPoint()
    {
        var series = new MetricSeries("queue", "items", capacity: 8);

        series.Add(Seconds(1), 10);
        series.Add(Seconds(2), 20);

        Assert.Equal([new MetricPoint(1, 10), new MetricPoint(2, 20)], series.ToArray());
        Assert.Equal(20, series.Latest);
    }

    [Fact]
    public void Latest_NoSamples_IsNull()
    {
        var series = new MetricSeries("queue", "items");

        Assert.Null(series.Latest);
        Assert.Empty(series.ToArray());
    }

    [Fact]
    public void Add_VeryLongRun_NeverHoldsMoreThanCapacityAndCoversTheWholeRun()
    {
        var series = new MetricSeries("load", "%", capacity: 240);
        const int samples = 1_000_000;

        for (int i = 1; i <= samples; i++)
        {
            series.Add(Seconds(i * 0.25), i % 97);
            if (i % 997 == 0)
            {
                Assert.InRange(series.ToArray().Length, 1, series.Capacity);
            }
        }

        var points = series.ToArray();
        double end = samples * 0.25;
        Assert.InRange(points.Length, series.Capacity / 2, series.Capacity);
        Assert.True(points[0].Time <= end * 0.02, $"first point at {points[0].Time} of {end}");
        Assert.True(points[^1].Time >= end * 0.98, $"last point at {points[^1].Time} of {end}");
        Assert.Equal(samples % 97, series.Latest);
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.First.Time < pair.Second.Time));
        Assert.All(points, p => Assert.InRange(p.Value, 0, 96));
    }

    [Fact]
    public void Add_ConstantValue_DownsampledPointsKeepThatValue()
    {
        var series = new MetricSeries("rate", "per s", capacity: 16);

        for (int i = 0; i < 10_000; i++)
        {
            series.Add(Seconds(i), 42);
        }

        Assert.All(series.ToArray(), p => Assert.Equal(42, p.Value));
    }

    [Fact]
    public void Add_SpikeWhenAnOddCapacityCompacts_SpikeStaysVisible()
    {
        // Capacity 5: the fifth point is the odd one out when the series halves its resolution.
        var series = new MetricSeries("errors", "count", capacity: 5);

        for (int i = 0; i < 6; i++)
        {
            series.Add(Seconds(i), i == 4 ? 1_000 : 0);
        }

        Assert.Contains(series.ToArray(), p => p.Value > 0);
    }

    [Fact]
    public void Constructor_CapacityBelowFour_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricSeries("x", "y", capacity: 3));
    }
}
