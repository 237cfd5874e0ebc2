namespace PatternDashboard.Simulation.Kernel;

/// <summary>A point of a metric series: simulated seconds and a value.</summary>
public readonly record struct MetricPoint(double Time, double Value);

/// <summary>
/// A bounded time series. When full it halves its resolution by averaging neighbouring points, so it
/// always covers the whole run in at most <see cref="Capacity"/> points, however long the run.
/// </summary>
public sealed class MetricSeries
{
    private readonly MetricPoint[] points;
    private int count;
    // Each stored point averages this many samples; samples accumulate until a point is full.
    private int samplesPerPoint = 1;
    private int pendingSamples;
    private double pendingTime;
    private double pendingValue;

    public MetricSeries(string name, string unit, int capacity = 240)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
        Name = name;
        Unit = unit;
        points = new MetricPoint[capacity];
    }

    public string Name { get; }

    public string Unit { get; }

    public int Capacity => points.Length;

    public double? Latest { get; private set; }

    public void Add(TimeSpan time, double value)
    {
        Latest = value;
        pendingTime = time.TotalSeconds;
        pendingValue += value;
        pendingSamples++;
        if (pendingSamples < samplesPerPoint)
        {
            return;
        }
        if (count == points.Length)
        {
            Compact();
        }
        points[count++] = new MetricPoint(pendingTime, pendingValue / pendingSamples);
        pendingSamples = 0;
        pendingValue = 0;
    }

    public MetricPoint[] ToArray() => points.AsSpan(0, count).ToArray();

    private void Compact()
    {
        int half = count / 2;
        for (int i = 0; i < half; i++)
        {
            var a = points[2 * i];
            var b = points[2 * i + 1];
            points[i] = new MetricPoint(b.Time, (a.Value + b.Value) / 2);
        }
        // With an odd capacity the last point has no partner: keep it rather than drop its samples.
        if (count % 2 == 1)
        {
            points[half++] = points[count - 1];
        }
        count = half;
        samplesPerPoint *= 2;
    }
}
