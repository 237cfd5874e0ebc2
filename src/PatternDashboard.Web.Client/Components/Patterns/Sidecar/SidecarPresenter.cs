using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Web.Components.Patterns.Sidecar;

/// <summary>How the pod and its neighbours read on screen: the app a square, sidecars hexagons, the rest circles; state in words.</summary>
public sealed class SidecarPresenter : INodePresenter
{
    public static SidecarPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "the app"),
        new(ShapePaths.Hexagon, "sidecar (the remote app has its own proxy)"),
        new(ShapePaths.Diamond, "config source"),
        new(ShapePaths.Circle, "clients, remote app, log store"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("response", "good answer", ShapePaths.Circle),
        new("error", "error answer", ShapePaths.Triangle),
        new("log-batch", "log lines", ShapePaths.Star),
        new("policy", "setting pushed", ShapePaths.Diamond),
    ];

    private static bool IsSidecar(NodeView node) => SidecarIds.Contains(node.Id);

    public string Shape(NodeView node) => node.Id switch
    {
        AppId => ShapePaths.Square,
        ConfigId => ShapePaths.Diamond,
        RemoteProxyId => ShapePaths.Hexagon,
        _ when IsSidecar(node) => ShapePaths.Hexagon,
        _ => ShapePaths.Circle,
    };

    public string StateText(NodeView node) => node.State;

    public string? Caption(NodeView node) => node.Id switch
    {
        ShipperId => $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.BufferLines))} buffered, {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Dropped))} dropped",
        AppId => $"build {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Build))}",
        ProxyId => $"setting v{UiFormat.Value(node.Properties.GetValueOrDefault(Property.PolicyVersion))}",
        LogStoreId => $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Stored))} lines stored",
        _ => null,
    };

    public string AriaLabel(NodeView node) =>
        Caption(node) is { } caption ? $"{node.Label}, {StateText(node)}, {caption}" : $"{node.Label}, {StateText(node)}";

    /// <summary>"Slow a sidecar" aims at a sidecar; every other fault is cluster-wide.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => fault.Id == Fault.SlowSidecar && IsSidecar(node);
}
