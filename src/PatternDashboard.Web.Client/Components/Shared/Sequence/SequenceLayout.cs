using PatternDashboard.Simulation.Kernel.Sequence;

namespace PatternDashboard.Web.Components.Shared.Sequence;

/// <summary>
/// Where everything of a message-sequence diagram goes: one vertical lane per node, time running down, an arrow per
/// message from its send to its end. The page's interactive drawing and the exported SVG file both read it, so they
/// cannot disagree.
/// </summary>
public sealed class SequenceLayout
{
    public const double Width = 960;
    public const double Top = 48;
    public const double Left = 150;
    private const double Right = 24;
    private const double Bottom = 24;
    private const double PixelsPerWindow = 560;

    /// <summary>How far along its way a message that never arrived is drawn before its cross.</summary>
    private const double LostReach = 0.6;

    private readonly Dictionary<string, double> laneX;

    public SequenceLayout(SequenceDiagram diagram)
    {
        Diagram = diagram;
        double spacing = (Width - Left - Right) / Math.Max(1, diagram.Lanes.Count);
        laneX = diagram.Lanes.Select((lane, i) => (lane.Id, X: Left + spacing * (i + 0.5))).ToDictionary(l => l.Id, l => l.X);
        Time = new TimeAxis(diagram.From, Math.Max(diagram.To, diagram.From + 1e-3), Top, Top + PixelsPerWindow);
        Height = Top + PixelsPerWindow + Bottom;
    }

    public SequenceDiagram Diagram { get; }

    /// <summary>Time down the drawing: <see cref="TimeAxis.X"/> gives the y of a moment.</summary>
    public TimeAxis Time { get; }

    public double Height { get; }

    public double LaneX(string node) => laneX.GetValueOrDefault(node, Left);

    public double Y(double time) => Time.X(time);

    /// <summary>The line of one arrow; a message that never arrived stops short, where its cross goes.</summary>
    public (double X1, double Y1, double X2, double Y2) Line(SequenceArrow arrow)
    {
        double x1 = LaneX(arrow.From), x2 = LaneX(arrow.To);
        double y1 = Y(arrow.SentAt), y2 = Y(arrow.EndAt);
        if (arrow.Fate is SequenceArrow.Lost or SequenceArrow.Blocked or SequenceArrow.ToDownNode)
        {
            x2 = x1 + (x2 - x1) * LostReach;
        }
        return (x1, y1, x2, y2);
    }

    public static bool EndsInCross(SequenceArrow arrow) => arrow.Fate is SequenceArrow.Lost or SequenceArrow.Blocked or SequenceArrow.ToDownNode;

    /// <summary>What happened to a message, in words a person reads.</summary>
    public static string FateText(SequenceArrow arrow) => arrow.Fate switch
    {
        SequenceArrow.Delivered => $"delivered at {UiFormat.Seconds(arrow.EndAt)}",
        SequenceArrow.Lost => $"lost by the network at {UiFormat.Seconds(arrow.EndAt)}",
        SequenceArrow.Blocked => $"blocked by a partition at {UiFormat.Seconds(arrow.EndAt)}",
        SequenceArrow.ToDownNode => $"dropped at {UiFormat.Seconds(arrow.EndAt)}: {arrow.To} was down",
        _ => $"in flight, due at {UiFormat.Seconds(arrow.EndAt)}",
    };

    /// <summary>An arrow's accessible name: everything but its contents, which focus shows.</summary>
    public static string Describe(SequenceArrow arrow) =>
        $"{arrow.Kind} from {arrow.From} to {arrow.To}{(arrow.Duplicate ? " (duplicate)" : "")}, sent at {UiFormat.Seconds(arrow.SentAt)}, {FateText(arrow)}";
}
