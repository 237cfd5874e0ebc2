namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// Simulated time across a drawing, from <see cref="Start"/> at x = <see cref="Left"/> to <see cref="End"/> at
/// x = <see cref="Right"/>: where a moment falls, and round moments to label. Every chart over time shares it.
/// </summary>
public readonly record struct TimeAxis(double Start, double End, double Left, double Right)
{
    /// <summary>Where <paramref name="time"/> falls; times outside the axis are drawn at its ends.</summary>
    public double X(double time) => Left + (Math.Clamp(time, Start, End) - Start) / Math.Max(End - Start, 1e-9) * (Right - Left);

    /// <summary>Round times from <see cref="Start"/> to <see cref="End"/>, 1, 2 or 5 times a power of ten apart, about <paramref name="most"/> of them.</summary>
    public IEnumerable<double> Ticks(int most)
    {
        if (End <= Start)
        {
            yield return Start;
            yield break;
        }
        double step = LineChartGeometry.NiceStep((End - Start) * 5 / Math.Max(1, most));
        for (double t = Math.Ceiling(Start / step - 1e-9) * step; t <= End + 1e-9; t += step)
        {
            yield return t;
        }
    }
}
