using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Patterns.PubSub;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.EventDriven;

/// <summary>How the bus, the sign-up service and the services read on screen; the broker's shapes, in this pattern's words.</summary>
public static class EventDrivenView
{
    public static IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "event bus"),
        new(ShapePaths.Triangle, "sign-up service (producer)"),
        new(ShapePaths.DoubleCircle, "service, processing"),
        new(ShapePaths.Circle, "service, idle"),
    ];

    public static IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        .. PubSubView.MessageKinds,
        new("call", "direct call", ShapePaths.Star),
        new("reply", "call reply", ShapePaths.Square),
    ];

    public static string Shape(NodeView node) => PubSubView.Shape(node);

    /// <summary>"event bus", "producer, crashed", "service, processing".</summary>
    public static string StateText(NodeView node)
    {
        string role = PubSubView.IsBroker(node) ? "event bus" : PubSubView.IsPublisher(node) ? "producer" : "service";
        if (NodeActions.IsCrashed(node) || NodeActions.IsPaused(node))
        {
            return $"{role}, {node.Lifecycle}";
        }
        return PubSubView.IsConsumer(node) ? $"{role}, {node.State}" : role;
    }

    public static string? Caption(NodeView node) => PubSubView.Caption(node);

    public static string AriaLabel(NodeView node) => $"{node.Label}, {StateText(node)}, {Caption(node)}";

    public static bool IsActionAvailable(NodeView node, FaultDefinition fault) => PubSubView.IsActionAvailable(node, fault);
}
