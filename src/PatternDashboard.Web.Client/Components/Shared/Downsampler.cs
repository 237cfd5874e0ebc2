using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>Shrinks a series for drawing: at most a given number of points, each the average of its bucket.</summary>
public static class Downsampler
{
    public static MetricPoint[] Downsample(IReadOnlyList<MetricPoint> points, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        if (points.Count <= maxPoints)
        {
            return [.. points];
        }
        var result = new MetricPoint[maxPoints];
        for (int bucket = 0; bucket < maxPoints; bucket++)
        {
            int start = (int)((long)bucket * points.Count / maxPoints);
            int end = (int)((long)(bucket + 1) * points.Count / maxPoints);
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                sum += points[i].Value;
            }
            // The bucket is stamped with its last time, so the newest point keeps the run's current time.
            result[bucket] = new MetricPoint(points[end - 1].Time, sum / (end - start));
        }
        return result;
    }
}
