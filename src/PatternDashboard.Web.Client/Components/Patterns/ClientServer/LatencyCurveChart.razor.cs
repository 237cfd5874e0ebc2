using Microsoft.AspNetCore.Components;
using MudBlazor;
using PatternDashboard.Simulation.Patterns.ClientServer;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;

namespace PatternDashboard.Web.Components.Patterns.ClientServer;

/// <summary>
/// The knee: measured latency (mean and p99 per 10 s window) against measured utilization, beside the queueing-theory
/// curves for the run's model. Redrawn only when a window closes, so a viewer's connection carries little.
/// </summary>
public partial class LatencyCurveChart
{
    /// <summary>Utilizations at which the theory curves are drawn: dense near the knee.</summary>
    internal static readonly double[] TheoryUtilizations = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95];

    public const double Saturated = 0.99;

    private List<ChartSeries<double>> series = [];
    private ScatterPlotChartOptions options = new();
    private (int Count, double Last, string Model, double Rate)? drawn;
    private bool redraw = true;

    /// <summary>The run's details, with the measured points and the model. Default: none (an empty chart).</summary>
    [Parameter] public ClientServerDetails? Details { get; set; }

    /// <summary>Rows of the table under the chart. Default: 6.</summary>
    [Parameter] public int TableRows { get; set; } = 6;

    private IEnumerable<LoadPoint> LatestPoints => (Details?.Curve ?? []).Reverse().Take(TableRows);

    protected override bool ShouldRender() => redraw;

    protected override void OnParametersSet()
    {
        redraw = drawn != Key();
        if (!redraw)
        {
            return;
        }
        drawn = Key();
        var curve = (Details?.Curve ?? []).Where(p => p.Utilization < Saturated).ToList();
        var measuredMean = new ChartSeries<double> { Name = "measured mean", Data = new ChartData<double>(curve.Select(p => (100 * p.Utilization, p.MeanMs)).ToList()) };
        var measuredP99 = new ChartSeries<double> { Name = "measured p99", Data = new ChartData<double>(curve.Select(p => (100 * p.Utilization, p.P99Ms)).ToList()) };
        series = [measuredMean, measuredP99];
        var overrides = new Dictionary<IChartSeries, MudBlazor.Charts.SeriesDisplayOverride>();
        if (Details is { } details)
        {
            var theoryMean = new ChartSeries<double> { Name = $"{details.Theory.Model} theory mean", Data = new ChartData<double>(TheoryLine(details, 0)) };
            series.Add(theoryMean);
            overrides[theoryMean] = new ScatterSeriesDisplayOverride { ScatterSeriesType = ScatterSeriesType.Line };
            if (TheoryLine(details, 0.99) is { Count: > 0 } p99)
            {
                var theoryP99 = new ChartSeries<double> { Name = $"{details.Theory.Model} theory p99", Data = new ChartData<double>(p99) };
                series.Add(theoryP99);
                overrides[theoryP99] = new ScatterSeriesDisplayOverride { ScatterSeriesType = ScatterSeriesType.Line };
            }
        }
        options = new ScatterPlotChartOptions
        {
            ShowLegend = true,
            YAxisTitle = "ms",
            XAxisTicks = 10,
            MaxNumXAxisTicks = 11,
            YAxisLines = true,
            PointRadius = 4,
            LineStrokeWidth = 3,
            SeriesDisplayOverrides = overrides,
        };
    }

    /// <summary>The theory's mean (percentile 0) or a percentile at each drawn utilization, in ms; empty without a closed form.</summary>
    internal static List<(double X, double Y)> TheoryLine(ClientServerDetails details, double percentile)
    {
        var points = new List<(double, double)>();
        double mu = details.ServiceRatePerSecond;
        int workers = details.Workers;
        var shape = details.ServiceTimes == "fixed" ? ServiceTimeShape.Fixed : ServiceTimeShape.Exponential;
        foreach (double rho in TheoryUtilizations)
        {
            double lambda = rho * mu * workers;
            double? seconds = percentile == 0
                ? QueueTheory.MeanSojournSeconds(lambda, mu, workers, shape)
                : QueueTheory.SojournPercentileSeconds(lambda, mu, workers, shape, percentile);
            if (seconds is { } s)
            {
                points.Add((100 * rho, Math.Round(1000 * s, 1)));
            }
        }
        return points;
    }

    private string TheoryAt(double utilization)
    {
        if (Details is not { } details || utilization >= 1)
        {
            return "unbounded";
        }
        var shape = details.ServiceTimes == "fixed" ? ServiceTimeShape.Fixed : ServiceTimeShape.Exponential;
        double lambda = utilization * details.ServiceRatePerSecond * details.Workers;
        return QueueTheory.MeanSojournSeconds(lambda, details.ServiceRatePerSecond, details.Workers, shape) is { } s
            ? ClientServerPage.Ms(1000 * s)
            : "unbounded";
    }

    private (int, double, string, double) Key() =>
        (Details?.Curve.Count ?? 0, Details?.Curve.LastOrDefault()?.Time ?? 0, Details?.Theory.Model ?? "", Details?.ServiceRatePerSecond ?? 0);
}
