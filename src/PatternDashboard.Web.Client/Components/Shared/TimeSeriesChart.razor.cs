using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>A line chart of one or more metric series over simulated time, downsampled for drawing.</summary>
public partial class TimeSeriesChart
{
    // Lines told apart by dash pattern as well as colour; the legend repeats both.
    private const int LineStyles = 4;
    private LineChartGeometry geometry = LineChartGeometry.For([], 220, 6);
    // Newest simulated time drawn (NaN before the first drawing), and whether this update redraws.
    private double drawnUntil = double.NaN;
    private string? drawnHeading;
    private bool redraw = true;

    /// <summary>The series to draw, on one time axis from the earliest point to the newest. Default: none.</summary>
    [Parameter] public IReadOnlyList<SeriesView> Series { get; set; } = [];

    /// <summary>The heading. Default: the series names.</summary>
    [Parameter] public string? Title { get; set; }

    /// <summary>Default: "Simulated time (s)".</summary>
    [Parameter] public string XAxisTitle { get; set; } = "Simulated time (s)";

    /// <summary>Default: the first series' unit, or its name when it has none.</summary>
    [Parameter] public string? YAxisTitle { get; set; }

    /// <summary>Points drawn per series at most (one path each, so more cost little). Default: 120.</summary>
    [Parameter] public int MaxPoints { get; set; } = 120;

    /// <summary>X-axis labels shown at most. Default: 6.</summary>
    [Parameter] public int MaxLabels { get; set; } = 6;

    /// <summary>Height of the drawing for its full width of <see cref="LineChartGeometry.Width"/> units; it scales with the width. Default: 220.</summary>
    [Parameter] public double Height { get; set; } = 220;

    /// <summary>
    /// Simulated seconds of new data between redraws, so the page's other panels get the browser's time first.
    /// A reset, a jump back or other lines redraw at once. Default: 0.25.
    /// </summary>
    [Parameter] public double RedrawEverySeconds { get; set; } = 0.25;

    private string Heading => Title ?? string.Join(", ", Series.Select(s => s.Name));

    private string? AxisTitle => YAxisTitle ?? Series.FirstOrDefault() switch
    {
        null => null,
        { Unit: { Length: > 0 } unit } => unit,
        var first => first.Name,
    };

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
        geometry = LineChartGeometry.For([.. Series.Select(s => Downsampler.Downsample(s.Points, MaxPoints))], Height, MaxLabels);
    }
}
