namespace PatternDashboard.Simulation.Kernel.Sequence;

/// <summary>A message-sequence diagram of one window of a run: a lane per node, an arrow per message, and what happened to the nodes.</summary>
/// <param name="From">Start of the window, simulated seconds.</param>
/// <param name="To">End of the window; a live window ends where the run has got.</param>
/// <param name="Arrows">The messages that overlap the window and pass the filter, by send time; at most <paramref name="Cap"/>.</param>
/// <param name="Matching">How many messages passed the filter before thinning; more than the arrows when <paramref name="Thinned"/>.</param>
/// <param name="Kinds">Every message kind seen in the window, filtered or not, for the kind filter.</param>
/// <param name="Counts">What the network did in the window (after From, up to To), every message counted, filter or not.</param>
public sealed record SequenceDiagram(
    double From,
    double To,
    IReadOnlyList<SequenceLane> Lanes,
    IReadOnlyList<SequenceArrow> Arrows,
    int Matching,
    int Cap,
    bool Thinned,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<LaneSpan> Spans,
    IReadOnlyList<LaneMark> Marks,
    IReadOnlyList<FaultSpan> Faults,
    SequenceCounts Counts)
{
    /// <summary>Messages left out by thinning.</summary>
    public int LeftOut => Matching - Arrows.Count;
}

public sealed record SequenceLane(string Id, string Label);

/// <summary>One message copy from its send to its end.</summary>
/// <param name="EndAt">When it was delivered, cut or dropped (where the cross goes), or for one still in flight when it is due.</param>
/// <param name="Fate">"delivered", "lost", "blocked" (by a partition), "to-down-node" or "in-flight".</param>
/// <param name="Duplicate">The network's second copy of one send.</param>
/// <param name="Contents">The message as text, cut to <see cref="SequenceLimits.MaxContentsLength"/> characters.</param>
public sealed record SequenceArrow(long Id, string From, string To, string Kind, double SentAt, double EndAt, string Fate, bool Duplicate, string Contents)
{
    public const string Delivered = "delivered";
    public const string Lost = "lost";
    public const string Blocked = "blocked";
    public const string ToDownNode = "to-down-node";
    public const string InFlight = "in-flight";

    public bool Arrived => Fate == Delivered;
}

/// <summary>A stretch of a lane in which its node was "crashed", "paused" or "cut off" (by a partition or one-way link).</summary>
public sealed record LaneSpan(string Node, string State, double From, double To)
{
    public const string Crashed = "crashed";
    public const string Paused = "paused";
    public const string CutOff = "cut off";
}

/// <summary>A moment on a lane: the node "crashed", "restarted", "paused" or "resumed".</summary>
public sealed record LaneMark(string Node, string Change, double Time);

/// <summary>A fault in force over the window, or an instant action (To equals From).</summary>
/// <param name="To">When it was cleared, or null if it still holds at the window's end.</param>
public sealed record FaultSpan(string FaultId, string Label, string? Target, double From, double? To);

/// <summary>The network's counters over the window, as differences of <see cref="Network.NetworkStats"/>.</summary>
public sealed record SequenceCounts(long Sent, long Delivered, long Lost, long Blocked, long Duplicated, long ToDownNode);

/// <summary>Which messages to draw: only these kinds and only messages to or from these nodes; null or empty means all.</summary>
/// <param name="MaxArrows">Fewer arrows than <see cref="SequenceLimits.MaxArrows"/>, or null for that.</param>
public sealed record SequenceFilter(IReadOnlyList<string>? Kinds = null, IReadOnlyList<string>? Nodes = null, int? MaxArrows = null)
{
    public static SequenceFilter All { get; } = new();
}

/// <summary>The bounds every diagram keeps, so one request cannot cost without end.</summary>
public static class SequenceLimits
{
    /// <summary>The longest window, in simulated seconds.</summary>
    public const double MaxWindowSeconds = 120;

    /// <summary>The most arrows in one diagram; more are thinned evenly.</summary>
    public const int MaxArrows = 2_000;

    public const int MaxContentsLength = 200;

    /// <summary>The most kinds or nodes a filter may name.</summary>
    public const int MaxFilterEntries = 100;

    /// <summary>Checks a window and filter; a bad one throws <see cref="SimulationInputException"/> saying what is wrong.</summary>
    public static void Check(double fromSeconds, double toSeconds, SequenceFilter? filter)
    {
        if (!double.IsFinite(fromSeconds) || !double.IsFinite(toSeconds) || fromSeconds < 0)
        {
            throw new SimulationInputException($"A window runs from 0 s or later to a later time; got {fromSeconds} s to {toSeconds} s.");
        }
        if (toSeconds <= fromSeconds)
        {
            throw new SimulationInputException($"A window must end after it starts; got {fromSeconds:0.###} s to {toSeconds:0.###} s.");
        }
        if (toSeconds - fromSeconds > MaxWindowSeconds)
        {
            throw new SimulationInputException(
                $"A window is at most {MaxWindowSeconds:0} simulated seconds; {fromSeconds:0.###} s to {toSeconds:0.###} s is {toSeconds - fromSeconds:0.###} s.");
        }
        if (filter is null)
        {
            return;
        }
        if (filter.MaxArrows is { } max && (max < 1 || max > MaxArrows))
        {
            throw new SimulationInputException($"A diagram draws 1 to {MaxArrows} arrows; {max} asked.");
        }
        if ((filter.Kinds?.Count ?? 0) > MaxFilterEntries || (filter.Nodes?.Count ?? 0) > MaxFilterEntries)
        {
            throw new SimulationInputException($"A filter names at most {MaxFilterEntries} kinds and {MaxFilterEntries} nodes.");
        }
        if ((filter.Kinds ?? []).Concat(filter.Nodes ?? []).Any(string.IsNullOrWhiteSpace))
        {
            throw new SimulationInputException("A filter's kinds and nodes must not be empty.");
        }
    }
}
