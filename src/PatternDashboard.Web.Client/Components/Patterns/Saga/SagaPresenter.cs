using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Saga;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.Saga;

/// <summary>How the saga's nodes read on screen: shop, coordinator, broker and services by shape, services by step and style.</summary>
public sealed class SagaPresenter : INodePresenter
{
    public static SagaPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "shop"),
        new(ShapePaths.Star, "coordinator"),
        new(ShapePaths.Hexagon, "broker"),
        new(ShapePaths.Circle, "orchestrated service"),
        new(ShapePaths.Diamond, "choreographed service"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("order", "order", ShapePaths.Square),
        new("command", "step command", ShapePaths.Triangle),
        new("compensate", "compensation command", ShapePaths.Diamond),
        new("done", "step done", ShapePaths.Circle),
        new("refused", "step refused", ShapePaths.Star),
        new("publish", "event published", ShapePaths.Hexagon),
        new("delivery", "event delivered", ShapePaths.Hexagon),
    ];

    public string Shape(NodeView node) => node.Id switch
    {
        SagaPattern.ShopId => ShapePaths.Square,
        SagaPattern.CoordinatorId => ShapePaths.Star,
        SagaPattern.BrokerId => ShapePaths.Hexagon,
        _ when node.Id.StartsWith("c-", StringComparison.Ordinal) => ShapePaths.Diamond,
        _ => ShapePaths.Circle,
    };

    public string? Caption(NodeView node) =>
        node.Properties.GetValueOrDefault(SagaPattern.Property.Step) is { } step ? $"step {UiFormat.Value(step)}"
        : node.Properties.GetValueOrDefault(SagaPattern.Property.Sagas) is { } open ? $"{UiFormat.Value(open)} open sagas"
        : null;

    public string AriaLabel(NodeView node) => $"{node.Label}, {TopologyView.StateText(node)}{(Caption(node) is { } c ? $", {c}" : "")}";
}
