using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;

namespace PatternDashboard.Web.Components.Patterns.ServiceMesh;

/// <summary>How apps, sidecars, clients and the control plane read on screen: role by shape, policy and mTLS in words.</summary>
public sealed class ServiceMeshPresenter : INodePresenter
{
    public static ServiceMeshPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "client"),
        new(ShapePaths.Triangle, "client outside the mesh"),
        new(ShapePaths.Hexagon, "sidecar proxy"),
        new(ShapePaths.Circle, "app, serving"),
        new(ShapePaths.Diamond, "app, failing or slow"),
        new(ShapePaths.Star, "control plane"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("response", "answer", ShapePaths.Circle),
        new("error", "error", ShapePaths.Star),
        new("policy", "policy push", ShapePaths.Triangle),
        new("policy-ack", "policy acknowledged", ShapePaths.Diamond),
    ];

    public static bool IsProxy(NodeView node) => node.Id.EndsWith("-proxy", StringComparison.Ordinal);

    public static bool IsApp(NodeView node) => Apps.Contains(node.Id);

    public string Shape(NodeView node) => node.Id switch
    {
        ClientId => ShapePaths.Square,
        OutsideId => ShapePaths.Triangle,
        ControlPlaneId => ShapePaths.Star,
        _ when IsProxy(node) => ShapePaths.Hexagon,
        _ => node.State == State.Serving ? ShapePaths.Circle : ShapePaths.Diamond,
    };

    public string StateText(NodeView node) => node.State;

    public string? Caption(NodeView node) =>
        !node.Up ? null
        : IsApp(node) ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Served))} served"
        : node.Id == ControlPlaneId ? $"desired v{UiFormat.Value(node.Properties.GetValueOrDefault(Property.DesiredVersion))}"
        : null;

    public string AriaLabel(NodeView node) =>
        Caption(node) is { } caption ? $"{node.Label}, {StateText(node)}, {caption}" : $"{node.Label}, {StateText(node)}";

    /// <summary>Apps fail and slow down, only the control plane crashes, and a calling proxy can drop mTLS.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => fault.Id switch
    {
        Fault.FailService or Fault.SlowService => IsApp(node),
        LifecycleFaults.Crash or LifecycleFaults.Restart => node.Id == ControlPlaneId,
        Fault.MtlsOff => node.Id is not null && (node.Id == ClientProxyId || node.Id == WebProxyId || node.Id == OrdersProxyId),
        _ => true,
    };
}
