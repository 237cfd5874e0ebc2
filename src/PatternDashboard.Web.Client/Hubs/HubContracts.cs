using System.Runtime.CompilerServices;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

// The hub's JSON shapes (camelCase on the wire). docs/hub-api.md documents each; keep the two in step.

/// <summary>Where the hub listens.</summary>
public static class HubAddress
{
    public const string Path = "/hubs/simulation";
}

/// <summary>A pattern the server offers, with the options CreateSession accepts.</summary>
public sealed record PatternSummary(string Id, string Title, string Summary, IReadOnlyList<OptionDefinition> Options);

/// <summary>The second argument of CreateSession. Every field may be left out.</summary>
public sealed class CreateSessionOptions
{
    public long? Seed { get; init; }

    public int? NodeCount { get; init; }

    public Dictionary<string, double>? Options { get; init; }
}

public sealed record SessionCreated(string SessionId, string PatternId, long Seed);

public sealed record SessionImported(string SessionId);

/// <summary>A fault or "break it" switch. <see cref="Targets"/> lists the node ids it may aim at, or is null for cluster-wide ones.</summary>
/// <param name="Demonstration">For a switch: the faults that show its damage, given in order 5 simulated seconds apart.</param>
public sealed record FaultInfo(
    string Id,
    string Label,
    string Description,
    IReadOnlyList<string>? Targets,
    FaultParameterInfo? Parameter,
    bool IsBreakIt,
    bool IsInstant,
    IReadOnlyList<FaultRequest> Demonstration);

public sealed record FaultParameterInfo(string Name, double Min, double Max, string Unit, double Default);

/// <summary>The second argument of InjectFault.</summary>
public sealed class FaultInput
{
    public string? FaultId { get; init; }

    public string? Target { get; init; }

    public double? Value { get; init; }
}

/// <summary>The answer to InjectFault: the id to pass to ClearFault, or null for an instant action.</summary>
public sealed record FaultInjected(string? ActiveFaultId)
{
    /// <summary>The fault as it is now active, or null for an instant action.</summary>
    public ActiveFault? Fault { get; init; }
}

/// <summary>The second argument of Control: action "play", "pause", "step", "speed" (value 0.01 to 100) or "reset" (value: a new seed, optional).</summary>
public sealed class ControlInput
{
    public string? Action { get; init; }

    public double? Value { get; init; }
}

public sealed record NodeInfo(string Id, string Label, string State, bool Up, string Lifecycle, IReadOnlyDictionary<string, object?> Properties);

public sealed record MessageInfo(long Id, string From, string To, string Kind, double Progress, double SentAt = 0, double ArrivesAt = 0);

public sealed record EventInfo(long Sequence, double Time, string? Node, string Kind, string Text);

/// <summary>The input of AddBookmark: a name, and the simulated second it marks (now, when null).</summary>
public sealed record BookmarkInput(string? Name, double? Time = null);

/// <summary>
/// A session at one moment, as the hub sends it. Metric series are left out to keep each update small;
/// <see cref="Metrics"/> holds each metric's latest value.
/// </summary>
public sealed record SnapshotInfo(
    string SessionId,
    string PatternId,
    long Seed,
    double SimulatedTime,
    string Status,
    double Speed,
    FastForwardProgress? FastForward,
    long EventCount,
    long LastEventSequence,
    int Generation,
    IReadOnlyList<NodeInfo> Nodes,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<MessageInfo> Messages,
    IReadOnlyList<ActiveFault> ActiveFaults,
    IReadOnlyList<InvariantView> Invariants,
    IReadOnlyDictionary<string, double> Metrics,
    object? Details,
    long PublishedAtMs = 0)
{
    // One hub form per published state, shared by every connection streaming it; dropped with the state.
    private static readonly ConditionalWeakTable<SessionState, SnapshotInfo> Shared = new();

    /// <summary>How many viewers watch the session (pages and hub streams), when this state was first sent.</summary>
    public int Viewers { get; init; }

    /// <summary>Where the session is on its timeline, for a time scrubber.</summary>
    public TimelineInfo? Timeline { get; init; }

    /// <summary>The lesson the session walks through, or null.</summary>
    public LessonInfo? Lesson { get; init; }

    /// <summary>The comparison the session is a side of, or null.</summary>
    public ComparisonInfo? Comparison { get; init; }

    // The last hub form per session with its session-level parts (viewers, timeline, lesson), so every connection
    // streaming the same moment shares one object and its serialized bytes, and a lesson step shows at once.
    private static readonly ConditionalWeakTable<ISimulationSession, Built> Latest = new();

    /// <summary>The hub form of a published state, built by the first viewer that needs it and reused by the rest.</summary>
    public static SnapshotInfo Of(SessionState state, ISimulationSession session)
    {
        int viewers = session.ViewerCount;
        var timeline = session.Timeline;
        var lesson = session.Lesson is { } progress ? LessonInfo.Of(progress) : null;
        var comparison = session.Comparison;
        if (Latest.TryGetValue(session, out var built) && ReferenceEquals(built.State, state)
            && built.Info.Viewers == viewers && built.Info.Timeline == timeline && built.Info.Lesson == lesson && built.Info.Comparison == comparison)
        {
            return built.Info;
        }
        var info = Shared.GetValue(state, From) with { Viewers = viewers, Timeline = timeline, Lesson = lesson, Comparison = comparison };
        Latest.AddOrUpdate(session, new Built(state, info));
        return info;
    }

    private sealed record Built(SessionState State, SnapshotInfo Info);

    public static SnapshotInfo From(SessionState state)
    {
        var s = state.Snapshot;
        return new SnapshotInfo(
            state.SessionId,
            s.PatternId,
            s.Seed,
            Math.Round(s.SimulatedTime, 6),
            StatusName(state.Status),
            state.Speed,
            state.FastForward,
            s.EventCount,
            state.LastEventSequence,
            state.Generation,
            [.. s.Nodes.Select(n => new NodeInfo(n.Id, n.Label, n.State, n.Up, n.Lifecycle, n.Properties))],
            s.Links,
            [.. s.Messages.Select(m => new MessageInfo(m.Id, m.From, m.To, m.Kind, Math.Round(m.Progress, 2), Math.Round(m.SentAt, 4), Math.Round(m.ArrivesAt, 4)))],
            s.ActiveFaults,
            s.Invariants,
            s.Metrics,
            s.Details,
            state.PublishedAt.ToUnixTimeMilliseconds());
    }

    public static string StatusName(SessionStatus status) => status switch
    {
        SessionStatus.Paused => "paused",
        SessionStatus.Running => "running",
        SessionStatus.FastForwarding => "fast-forwarding",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>A session's lesson as the hub sends it: which lesson (ListLessons names them), the step shown, and its checkpoint.</summary>
/// <param name="ActedUpTo">The last step whose action has run.</param>
/// <param name="Reached">True once the step's checkpoint held.</param>
/// <param name="Acting">True while the step's action runs.</param>
/// <param name="ActionProblem">Why the step's action could not happen, in words for the learner.</param>
public sealed record LessonInfo(string LessonId, int StepIndex, int ActedUpTo, bool Reached, bool Acting, string? ActionProblem, bool Revealed = false)
{
    public static LessonInfo Of(LessonProgress progress) =>
        new(progress.Lesson.Id, progress.StepIndex, progress.ActedUpTo, progress.Reached, progress.Acting, progress.ActionProblem, progress.Revealed);
}

/// <summary>Whether this connection may change a session, and the room it belongs to (OpenSession's answer).</summary>
public sealed record SessionAccess(string SessionId, string PatternId, bool CanControl, string? RoomCode);
