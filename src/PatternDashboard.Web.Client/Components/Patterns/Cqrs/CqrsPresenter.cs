using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Cqrs;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.Cqrs;

/// <summary>How the command side, the write store, the read replicas and the loads read on screen.</summary>
public sealed class CqrsPresenter : INodePresenter
{
    public static CqrsPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "write store"),
        new(ShapePaths.Square, "command side"),
        new(ShapePaths.Diamond, "read model (projector)"),
        new(ShapePaths.Circle, "load (shop front, browsers)"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("command", "command", ShapePaths.Triangle),
        new("committed", "committed", ShapePaths.Square),
        new("rejected", "rejected", ShapePaths.Star),
        new("append", "append", ShapePaths.Triangle),
        new("appended", "appended", ShapePaths.Square),
        new("catch-up", "catch-up read", ShapePaths.Circle),
        new("events", "events", ShapePaths.Hexagon),
        new("advanced", "new events (wake-up)", ShapePaths.Triangle),
        new("query", "query", ShapePaths.Circle),
        new("answer", "answer (with checkpoint)", ShapePaths.Diamond),
    ];

    public string Shape(NodeView node) => node.Id switch
    {
        CqrsPattern.WriteStoreId => ShapePaths.Hexagon,
        CqrsPattern.CommandsId => ShapePaths.Square,
        CqrsPattern.ShopFrontId or CqrsPattern.BrowsersId => ShapePaths.Circle,
        _ => ShapePaths.Diamond,
    };

    public string StateText(NodeView node) => NodeActions.IsCrashed(node) || NodeActions.IsPaused(node) ? node.Lifecycle : node.State;

    public string? Caption(NodeView node) =>
        node.Properties.GetValueOrDefault(CqrsPattern.Property.Checkpoint) is { } checkpoint ? $"checkpoint {UiFormat.Value(checkpoint)}"
        : node.Properties.GetValueOrDefault(CqrsPattern.Property.Head) is { } head ? $"head {UiFormat.Value(head)}"
        : null;

    /// <summary>Stopping, slowing and rebuilding belong to read models; crash and restart to every node.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => fault.Id switch
    {
        CqrsPattern.Fault.StopProjector or CqrsPattern.Fault.SlowProjector or CqrsPattern.Fault.Rebuild =>
            node.Properties.ContainsKey(CqrsPattern.Property.Checkpoint),
        _ => true,
    };

    public string AriaLabel(NodeView node) => $"{node.Label}, {StateText(node)}{(Caption(node) is { } c ? $", {c}" : "")}";
}
