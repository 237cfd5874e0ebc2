using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ApiGateway;

namespace PatternDashboard.Web.Components.Patterns.ApiGateway;

/// <summary>
/// The last summary as a waterfall: the three backend calls start together, and the whole ends with the slowest (or at
/// the timeout), which the means beside it confirm against what calling them one after another would cost.
/// </summary>
public partial class SummaryWaterfall
{
    private const double Width = 560;
    private const double LabelWidth = 130;
    private const double ValueWidth = 130;
    private const double RowHeight = 24;

    /// <summary>The summaries so far; a placeholder is drawn without one. Default: null.</summary>
    [Parameter] public CompositeView? Composite { get; set; }

    private static double Height(CompositeRecord last) => (last.Parts.Count + 1) * RowHeight + 16;

    /// <summary>Milliseconds to x: the scale runs to the timeout or to the slowest time shown, whichever is later.</summary>
    private static double X(double ms, CompositeView composite, CompositeRecord last)
    {
        double span = Math.Max(composite.TimeoutMs, Math.Max(last.LatencyMs, last.Parts.Max(p => p.EndMs)));
        return LabelWidth + Math.Clamp(ms / span, 0, 1) * (Width - LabelWidth - ValueWidth);
    }

    private static string PartClass(CompositePart part) => part.Outcome == CompositePart.Answered ? "answered" : "missing";

    private static string StatusText(int status) => status switch
    {
        HttpStatus.Ok => "200 complete",
        HttpStatus.Partial => "206 partial",
        HttpStatus.GatewayTimeout => "504 timed out",
        _ => $"{status} failed",
    };

    private static string AriaText(CompositeRecord last) =>
        $"Last summary, {StatusText(last.Status)} in {last.LatencyMs:0.#} ms: " +
        string.Join("; ", last.Parts.Select(p => $"{p.Service} {p.EndMs - p.StartMs:0.#} ms, {p.Outcome}"));
}
