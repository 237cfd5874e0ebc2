using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Web.Components.Patterns.Ambassador;

/// <summary>How the application, the ambassador and the service read on screen.</summary>
public sealed class AmbassadorPresenter : INodePresenter
{
    public static AmbassadorPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "application"),
        new(ShapePaths.Hexagon, "ambassador"),
        new(ShapePaths.Circle, "remote service"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request or attempt", ShapePaths.Square),
        new("response", "good answer", ShapePaths.Circle),
        new("error", "error answer", ShapePaths.Triangle),
    ];

    public string Shape(NodeView node) => node.Id switch
    {
        AppId => ShapePaths.Square,
        AmbassadorId => ShapePaths.Hexagon,
        _ => ShapePaths.Circle,
    };

    public string StateText(NodeView node) => node.State;

    public string? Caption(NodeView node) => node.Id switch
    {
        AppId => $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.BusySlots))} calls waiting on answers",
        ServiceId => $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Busy))} busy, {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Queued))} queued",
        _ => null,
    };

    public string AriaLabel(NodeView node) => $"{node.Label}, {node.State}";

    /// <summary>Faults are cluster-wide here; the fault panel offers them all.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => false;
}
