using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Web.Components.Patterns.ServiceDiscovery;

/// <summary>How the registry, the load balancer, instances and clients read on screen: role by shape, lease state in words.</summary>
public sealed class ServiceDiscoveryPresenter : INodePresenter
{
    public static ServiceDiscoveryPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "registry"),
        new(ShapePaths.Diamond, "load balancer"),
        new(ShapePaths.Circle, "registered instance"),
        new(ShapePaths.Triangle, "instance not registered or lease over"),
        new(ShapePaths.Square, "client"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("heartbeat", "heartbeat", ShapePaths.Circle),
        new("register", "register", ShapePaths.Star),
        new("query", "registry query", ShapePaths.Diamond),
        new("instances", "registry answer", ShapePaths.Hexagon),
        new("request", "call", ShapePaths.Square),
        new("response", "answer", ShapePaths.Circle),
    ];

    public static bool IsInstance(NodeView node) => node.Id.StartsWith('i') && node.Id != BalancerId;

    public static bool IsClient(NodeView node) => node.Id.StartsWith('c');

    public string Shape(NodeView node) => node.Id switch
    {
        RegistryId => ShapePaths.Hexagon,
        BalancerId => ShapePaths.Diamond,
        _ when IsClient(node) => ShapePaths.Square,
        _ => node.State == State.Registered ? ShapePaths.Circle : ShapePaths.Triangle,
    };

    public string StateText(NodeView node) => NodeActions.IsPaused(node) ? $"{node.State}, paused" : node.State;

    public string? Caption(NodeView node)
    {
        if (!node.Up && !NodeActions.IsPaused(node))
        {
            return null;
        }
        return node.Id switch
        {
            RegistryId => $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Entries))} listed",
            _ when IsInstance(node) => node.Properties.GetValueOrDefault(Property.LeaseAge) is double age ? $"heard {UiFormat.ShortSeconds(age)} ago" : null,
            _ => $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Cached))} cached",
        };
    }

    public string AriaLabel(NodeView node) =>
        Caption(node) is { } caption ? $"{node.Label}, {StateText(node)}, {caption}" : $"{node.Label}, {StateText(node)}";

    /// <summary>Pausing is for instances (a GC pause stops their heartbeats); cutting off from the registry is for clients.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => fault.Id switch
    {
        Fault.Pause or Fault.Resume => IsInstance(node),
        Fault.PartitionClient => IsClient(node),
        _ => true,
    };
}
