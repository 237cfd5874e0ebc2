using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Patterns.PubSub;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.EventDriven;

/// <summary>How the bus, the sign-up service and the services read on screen: the broker's shapes, in this pattern's words.</summary>
public sealed class EventDrivenPresenter : PubSubPresenter
{
    public static new EventDrivenPresenter Instance { get; } = new();

    public override IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "event bus"),
        new(ShapePaths.Triangle, "sign-up service (producer)"),
        new(ShapePaths.DoubleCircle, "service, processing"),
        new(ShapePaths.Circle, "service, idle"),
    ];

    public override IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        .. PubSubPresenter.Instance.MessageKinds,
        new("call", "direct call", ShapePaths.Star),
        new("reply", "call reply", ShapePaths.Square),
    ];

    /// <summary>"event bus", "producer, crashed", "service, processing".</summary>
    public override string StateText(NodeView node)
    {
        string role = IsBroker(node) ? "event bus" : IsPublisher(node) ? "producer" : "service";
        if (NodeActions.IsCrashed(node) || NodeActions.IsPaused(node))
        {
            return $"{role}, {node.Lifecycle}";
        }
        return IsConsumer(node) ? $"{role}, {node.State}" : role;
    }
}
