using PatternDashboard.LoadTool;

namespace PatternDashboard.LoadTool.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_OfOneToOneHundred_IsTheNearestRank()
    {
        var histogram = new LatencyHistogram();
        for (int i = 100; i >= 1; i--)
        {
            histogram.Record(i);
        }

        Assert.Equal(1, histogram.Percentile(0));
        Assert.Equal(1, histogram.Percentile(1));
        Assert.Equal(50, histogram.Percentile(50));
        Assert.Equal(90, histogram.Percentile(90));
        Assert.Equal(99, histogram.Percentile(99));
        Assert.Equal(100, histogram.Percentile(99.5));
        Assert.Equal(100, histogram.Percentile(100));
        Assert.Equal(100, histogram.Max);
        Assert.Equal(100, histogram.Count);
    }

    [Fact]
    public void Percentile_WithOneSlowOutlier_OnlyTheTopPercentileSeesIt()
    {
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 199; i++)
        {
            histogram.Record(10);
        }
        histogram.Record(900);

        Assert.Equal(10, histogram.Percentile(50));
        Assert.Equal(10, histogram.Percentile(99));
        Assert.Equal(900, histogram.Percentile(100));
    }

    [Fact]
    public void Percentile_WhenEmpty_IsNull()
    {
        Assert.Null(new LatencyHistogram().Percentile(50));
    }

    [Fact]
    public void Record_BeyondTheBound_CountsInTheLastBucketButKeepsTheTrueMax()
    {
        var histogram = new LatencyHistogram(maxValue: 1_000);

        histogram.Record(5_000);
        histogram.Record(-3);

        Assert.Equal(0, histogram.Percentile(50));
        Assert.Equal(1_000, histogram.Percentile(100));
        Assert.Equal(5_000, histogram.Max);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.1)]
    public void Percentile_OutsideZeroToHundred_IsRefused(double p)
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Percentile(p));
    }

    [Fact]
    public void Record_FromManyThreads_LosesNoSample()
    {
        var histogram = new LatencyHistogram();

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                histogram.Record(i % 50);
            }
        });

        Assert.Equal(8_000, histogram.Count);
        Assert.Equal(49, histogram.Max);
        Assert.Equal(24, histogram.Percentile(50));
    }
}
