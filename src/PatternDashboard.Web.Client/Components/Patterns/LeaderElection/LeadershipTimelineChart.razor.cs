using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.LeaderElection;

/// <summary>
/// Who led in which term, as bands over simulated time. Gaps (no leader) show as hatched background; reigns that
/// overlap (a zombie leader, or two leaders when "break it" is on) get their own lanes, so the overlap is visible.
/// </summary>
public partial class LeadershipTimelineChart
{
    internal const double ViewWidth = 1000;
    private const double LaneHeight = 40;
    private const double AxisHeight = 28;
    private const double Left = 8;
    private const double Right = 8;

    private List<(LeadershipSpan Span, int Lane)> placed = [];
    private int lanes = 1;
    private double start;
    private double end;

    /// <summary>The reigns, oldest first. Default: none.</summary>
    [Parameter] public IReadOnlyList<LeadershipSpan> Timeline { get; set; } = [];

    /// <summary>The current simulated time: open reigns run to it. Default: 0.</summary>
    [Parameter] public double Now { get; set; }

    /// <summary>Node ids in a stable order, so each leader keeps its colour. Default: none (colours by first seen).</summary>
    [Parameter] public IReadOnlyList<string> NodeIds { get; set; } = [];

    /// <summary>
    /// Below this share of the width, a later "now" is not redrawn. Every redraw rescales the time axis, so it
    /// moves every band and tick and sends all of them to each viewer, ten times a second; moving the edge by
    /// under 1% of the width (a few pixels) is not worth that. New or ended reigns always redraw.
    /// </summary>
    internal const double RedrawShare = 0.01;

    private readonly UnchangedInputs unchanged = new();
    private IReadOnlyList<LeadershipSpan>? drawnTimeline;
    private IReadOnlyList<string>? drawnNodeIds;
    private double drawnNow;

    private double ViewHeight => lanes * LaneHeight + AxisHeight;

    protected override bool ShouldRender() => unchanged.ShouldRender();

    protected override void OnAfterRender(bool firstRender) => unchanged.Rendered();

    protected override void OnParametersSet()
    {
        bool sameReigns = drawnTimeline is not null && UnchangedInputs.SameItems(Timeline, drawnTimeline)
            && UnchangedInputs.SameItems(NodeIds, drawnNodeIds);
        bool edgeBarelyMoved = Now >= drawnNow && (Now - drawnNow) / (end - start) < RedrawShare;
        unchanged.Note(sameReigns && edgeBarelyMoved);
        if (sameReigns && edgeBarelyMoved)
        {
            return;
        }
        drawnTimeline = Timeline;
        drawnNodeIds = NodeIds;
        drawnNow = Now;
        start = Timeline.Count == 0 ? 0 : Math.Min(Timeline.Min(s => s.Start), Now);
        end = Math.Max(Now, start + 1);
        placed = [];
        var laneEnds = new List<double>();
        foreach (var span in Timeline.OrderBy(s => s.Start))
        {
            int lane = laneEnds.FindIndex(laneEnd => laneEnd <= span.Start);
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(0);
            }
            laneEnds[lane] = span.End ?? double.MaxValue;
            placed.Add((span, lane));
        }
        lanes = Math.Max(1, laneEnds.Count);
    }

    private TimeAxis Axis => new(start, end, Left, ViewWidth - Right);

    private double X(double time) => Axis.X(time);

    private double Y(int lane) => lane * LaneHeight + 4;

    private int ColourIndex(string leaderId)
    {
        int index = NodeIds is [] ? -1 : NodeIds.ToList().IndexOf(leaderId);
        return (index < 0 ? Math.Abs(StringComparer.Ordinal.GetHashCode(leaderId)) : index) % 6;
    }

    private string ReignClass(LeadershipSpan span) => $"reign leader-{ColourIndex(span.LeaderId)}{(span.End is null ? " open" : "")}";

    private static string LabelFor(LeadershipSpan span, double width) =>
        width > 110 ? $"{span.LeaderId} · term {span.Term}" : width > 34 ? span.LeaderId : "";

    private IEnumerable<double> Ticks() => Axis.Ticks(6);

    private string Summary
    {
        get
        {
            var open = Timeline.Where(s => s.End is null).ToList();
            string now = open.Count switch
            {
                0 => "no leader now",
                1 => $"{open[0].LeaderId} leads term {open[0].Term} since {UiFormat.ShortSeconds(open[0].Start)}",
                _ => $"{open.Count} nodes believe they lead: {string.Join(", ", open.Select(s => $"{s.LeaderId} (term {s.Term})"))}",
            };
            return $"Leadership timeline from {UiFormat.ShortSeconds(start)} to {UiFormat.ShortSeconds(end)}: {Timeline.Count} reigns; {now}.";
        }
    }
}
