using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>A line chart of one or more metric series over simulated time, downsampled for drawing.</summary>
public partial class TimeSeriesChart
{
    private List<ChartSeries<double>> chartSeries = [];
    private string[] labels = [];
    private LineChartOptions options = new();
    // Newest simulated time drawn (NaN before the first drawing), and whether this update redraws.
    private double drawnUntil = double.NaN;
    private string? drawnHeading;
    private bool redraw = true;

    /// <summary>The series to draw, sharing the time axis of the first. Default: none.</summary>
    [Parameter] public IReadOnlyList<SeriesView> Series { get; set; } = [];

    /// <summary>The heading. Default: the series names.</summary>
    [Parameter] public string? Title { get; set; }

    /// <summary>Default: "Simulated time (s)".</summary>
    [Parameter] public string XAxisTitle { get; set; } = "Simulated time (s)";

    /// <summary>Default: the first series' unit, or its name when it has none.</summary>
    [Parameter] public string? YAxisTitle { get; set; }

    /// <summary>
    /// Points drawn per series at most. MudChart draws every point as a hoverable circle with three event
    /// handlers, which each viewer's circuit keeps in memory: at 200 points the charts held most of a page's
    /// server memory. 60 points still draw a smooth line at this chart's width. Default: 60.
    /// </summary>
    [Parameter] public int MaxPoints { get; set; } = 60;

    /// <summary>X-axis labels shown at most. Default: 6.</summary>
    [Parameter] public int MaxLabels { get; set; } = 6;

    /// <summary>Default: "220px".</summary>
    [Parameter] public string Height { get; set; } = "220px";

    /// <summary>
    /// Simulated seconds of new data between redraws. A redraw sends every point of every line to the browser
    /// (over 100 KB for a page of charts), so drawing each new sample would flood a viewer's connection.
    /// A reset or a jump back redraws at once. Default: 1.
    /// </summary>
    [Parameter] public double RedrawEverySeconds { get; set; } = 1;

    private string Heading => Title ?? string.Join(", ", Series.Select(s => s.Name));

    private bool HasPoints => Series.Any(s => s.Points.Length > 0);

    private string Latest => string.Join("; ", Series.Where(s => s.Points.Length > 0)
        .Select(s => $"{s.Name} {UiFormat.Number(s.Points[^1].Value)} {s.Unit}".TrimEnd()));

    protected override bool ShouldRender() => redraw;

    protected override void OnParametersSet()
    {
        double newest = Series.Where(s => s.Points.Length > 0).Select(s => s.Points[^1].Time).DefaultIfEmpty(double.NaN).Max();
        // Other lines (a new heading) are drawn at once too.
        redraw = double.IsNaN(drawnUntil) || double.IsNaN(newest) || newest < drawnUntil || newest >= drawnUntil + RedrawEverySeconds
            || Heading != drawnHeading;
        if (!redraw)
        {
            return;
        }
        drawnUntil = newest;
        drawnHeading = Heading;
        var sampled = Series.Select(s => (s.Name, Points: Downsampler.Downsample(s.Points, MaxPoints))).ToList();
        int length = sampled.Count == 0 ? 0 : sampled.Max(s => s.Points.Length);
        var axis = sampled.FirstOrDefault(s => s.Points.Length == length).Points ?? [];
        int every = Math.Max(1, (int)Math.Ceiling(length / (double)Math.Max(1, MaxLabels)));
        // The newest time is labelled too, unless the previous label is too close to it to read.
        bool labelLast = (length - 1) % every >= every / 2;
        labels = [.. axis.Select((p, i) => i % every == 0 || (labelLast && i == length - 1) ? p.Time.ToString("0.#", CultureInfo.InvariantCulture) : "")];
        chartSeries = [.. sampled.Select(s => new ChartSeries<double> { Name = s.Name, Data = PadLeft(s.Points, length) })];
        var first = Series.FirstOrDefault();
        double max = sampled.SelectMany(x => x.Points).Select(p => p.Value).DefaultIfEmpty(0).Max();
        options = new LineChartOptions
        {
            // The x-axis title is drawn under the chart by this component; MudChart puts it above.
            YAxisTicks = NiceStep(max),
            MaxNumYAxisTicks = 6,
            YAxisTitle = YAxisTitle ?? (string.IsNullOrEmpty(first?.Unit) ? first?.Name : first.Unit),
            ShowLegend = Series.Count > 1,
            YAxisLines = true,
            LineStrokeWidth = 3,
        };
    }

    /// <summary>A tick spacing of 1, 2 or 5 times a power of ten giving about five ticks (MudChart takes whole numbers only).</summary>
    internal static int NiceStep(double max)
    {
        if (max <= 5)
        {
            return 1;
        }
        double raw = max / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(x => x >= raw);
        return (int)Math.Min(int.MaxValue, step);
    }

    // A shorter series covers the end of the run: align it to the right of the shared axis.
    private static double[] PadLeft(MetricPoint[] points, int length)
    {
        var values = new double[length];
        int offset = length - points.Length;
        for (int i = 0; i < points.Length; i++)
        {
            values[offset + i] = points[i].Value;
        }
        return values;
    }
}
