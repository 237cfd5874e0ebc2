using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Web.Components.Patterns.Microservices;

/// <summary>How the gateway, registry, monolith and instances read on screen: role by shape, phase and version in words.</summary>
public sealed class MicroservicesPresenter : INodePresenter
{
    public static MicroservicesPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "gateway"),
        new(ShapePaths.Square, "registry"),
        new(ShapePaths.Star, "monolith"),
        new(ShapePaths.Circle, "instance, ready"),
        new(ShapePaths.Diamond, "instance starting, not ready or terminating"),
        new(ShapePaths.Triangle, "instance with a buggy version"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("response", "answer", ShapePaths.Circle),
        new("error", "error", ShapePaths.Star),
        new("register", "register", ShapePaths.Triangle),
        new("heartbeat", "heartbeat", ShapePaths.Diamond),
    ];

    public static bool IsInstance(NodeView node) => node.Id.Contains('-');

    public string Shape(NodeView node) => node.Id switch
    {
        GatewayId => ShapePaths.Hexagon,
        MonolithId => ShapePaths.Star,
        _ when !IsInstance(node) => ShapePaths.Square,
        _ when node.State.StartsWith("ready", StringComparison.Ordinal) && !IsBuggy(node) => ShapePaths.Circle,
        _ when IsBuggy(node) => ShapePaths.Triangle,
        _ => ShapePaths.Diamond,
    };

    public string StateText(NodeView node) => node.State;

    public string? Caption(NodeView node) =>
        !node.Up ? null
        : IsInstance(node) ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Served))} served"
        : node.Id == GatewayId ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Busy))} busy"
        : null;

    public string AriaLabel(NodeView node) =>
        Caption(node) is { } caption ? $"{node.Label}, {StateText(node)}, {caption}" : $"{node.Label}, {StateText(node)}";

    /// <summary>Every node fault aims at a service instance, as the cluster allows them.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => IsInstance(node);

    // A buggy version is v2 built with the bug; the state word carries the version, the property tells which.
    private static bool IsBuggy(NodeView node) => node.Properties.GetValueOrDefault(Property.Broken) is true;
}
