using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.EventSourcing;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.EventSourcing;

/// <summary>How the event store, the tellers and the projector read on screen.</summary>
public sealed class EventSourcingPresenter : INodePresenter
{
    public static EventSourcingPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "event store"),
        new(ShapePaths.Square, "teller (writer)"),
        new(ShapePaths.Diamond, "projector"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("read", "read stream", ShapePaths.Circle),
        new("events", "events", ShapePaths.Hexagon),
        new("append", "append (expected version)", ShapePaths.Triangle),
        new("appended", "appended", ShapePaths.Square),
        new("conflict", "conflict", ShapePaths.Star),
        new("snapshot", "snapshot", ShapePaths.Diamond),
        new("catch-up", "catch-up read", ShapePaths.Circle),
        new("advanced", "new events (wake-up)", ShapePaths.Triangle),
        new("update row", "update in place", ShapePaths.Star),
    ];

    public string Shape(NodeView node) => node.Id switch
    {
        EventSourcingPattern.StoreId => ShapePaths.Hexagon,
        EventSourcingPattern.ProjectorId => ShapePaths.Diamond,
        _ => ShapePaths.Square,
    };

    public string StateText(NodeView node) => NodeActions.IsCrashed(node) || NodeActions.IsPaused(node) ? node.Lifecycle : node.State;

    public string? Caption(NodeView node) =>
        node.Properties.GetValueOrDefault(EventSourcingPattern.Property.Lag) is { } lag ? $"lag {UiFormat.Value(lag)}"
        : node.Properties.GetValueOrDefault(EventSourcingPattern.Property.Head) is { } head ? $"head {UiFormat.Value(head)}"
        : node.Properties.GetValueOrDefault(EventSourcingPattern.Property.Conflicts) is { } conflicts ? $"{UiFormat.Value(conflicts)} conflicts"
        : null;

    public string AriaLabel(NodeView node) => $"{node.Label}, {StateText(node)}{(Caption(node) is { } c ? $", {c}" : "")}";
}
