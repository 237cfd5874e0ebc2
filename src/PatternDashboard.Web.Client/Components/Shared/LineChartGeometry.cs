using System.Globalization;
using System.Text;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// Where a line chart's lines, ticks and labels go in its drawing's coordinates. Each line is one SVG path, so a
/// redraw changes a few attributes instead of one element per point: a chart costs the browser about the same
/// whether it shows 60 points or 600.
/// </summary>
public sealed class LineChartGeometry
{
    public const double Width = 600;
    private const double Left = 52, Right = 10, Top = 10, Bottom = 26;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private LineChartGeometry(double height) => Height = height;

    public double Height { get; }

    public double PlotLeft => Left;

    public double PlotRight => Width - Right;

    public double PlotTop => Top;

    public double PlotBottom => Height - Bottom;

    /// <summary>One path per series, in the order given; empty for a series with no points.</summary>
    public IReadOnlyList<string> Paths { get; private init; } = [];

    /// <summary>Horizontal grid lines with their value labels, from 0 up.</summary>
    public IReadOnlyList<(double Y, string Label)> ValueTicks { get; private init; } = [];

    /// <summary>Simulated-time labels along the bottom.</summary>
    public IReadOnlyList<(double X, string Label)> TimeTicks { get; private init; } = [];

    /// <summary>Lays out <paramref name="series"/> (already downsampled) on a shared time axis from the earliest to the newest point.</summary>
    public static LineChartGeometry For(IReadOnlyList<MetricPoint[]> series, double height, int maxTimeLabels)
    {
        var chart = new LineChartGeometry(height);
        var points = series.SelectMany(s => s).ToList();
        if (points.Count == 0)
        {
            return chart;
        }
        double start = points.Min(p => p.Time), end = points.Max(p => p.Time);
        double max = Math.Max(0, points.Max(p => p.Value));
        double step = NiceStep(max);
        double top = Math.Max(step, Math.Ceiling(max / step) * step);
        var axis = new TimeAxis(start, end, chart.PlotLeft, chart.PlotRight);
        double plotHeight = chart.PlotBottom - chart.PlotTop;
        double Y(double value) => chart.PlotBottom - Math.Clamp(value, 0, top) / top * plotHeight;

        return new LineChartGeometry(height)
        {
            Paths = [.. series.Select(s => PathOf(s, axis.X, Y))],
            ValueTicks = [.. Enumerable.Range(0, (int)Math.Round(top / step) + 1).Select(i => (Y(i * step), UiFormat.Number(i * step)))],
            TimeTicks = [.. axis.Ticks(maxTimeLabels).Select(t => (axis.X(t), t.ToString("0.#", Invariant)))],
        };
    }

    /// <summary>A spacing of 1, 2 or 5 times a power of ten giving at most about five steps up to <paramref name="max"/>.</summary>
    public static double NiceStep(double max)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }
        double raw = max / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(x => x >= raw * (1 - 1e-12));
    }

    private static string PathOf(MetricPoint[] points, Func<double, double> x, Func<double, double> y)
    {
        var path = new StringBuilder(points.Length * 14);
        for (int i = 0; i < points.Length; i++)
        {
            path.Append(i == 0 ? 'M' : 'L')
                .Append(UiFormat.Svg(x(points[i].Time))).Append(',')
                .Append(UiFormat.Svg(y(points[i].Value)));
        }
        return path.ToString();
    }
}
