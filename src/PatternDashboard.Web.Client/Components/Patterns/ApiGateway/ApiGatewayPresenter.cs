using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Web.Components.Patterns.ApiGateway;

/// <summary>How the gateway, clients and service instances read on screen: role by shape, trouble in words.</summary>
public sealed class ApiGatewayPresenter : INodePresenter
{
    public static ApiGatewayPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "gateway"),
        new(ShapePaths.Square, "client"),
        new(ShapePaths.Triangle, "client flooding or with a bad token"),
        new(ShapePaths.Circle, "service instance"),
        new(ShapePaths.Diamond, "instance slow or failing"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("response", "answer (200)", ShapePaths.Circle),
        new("partial", "partial answer (206)", ShapePaths.DoubleCircle),
        new("401", "refused (401)", ShapePaths.Triangle),
        new("429", "limited (429)", ShapePaths.Diamond),
        new("error", "error (5xx)", ShapePaths.Star),
    ];

    public static bool IsGateway(NodeView node) => node.Id is GatewayId or SecondGatewayId;

    public static bool IsClient(NodeView node) => !IsGateway(node) && node.Id.StartsWith('c') && !node.Id.Contains('-');

    public static bool IsInstance(NodeView node) => node.Id.Contains('-');

    public string Shape(NodeView node) => node switch
    {
        _ when IsGateway(node) => ShapePaths.Hexagon,
        _ when IsClient(node) => node.State is State.Flooding or State.BadToken ? ShapePaths.Triangle : ShapePaths.Square,
        _ => node.State is State.Slow or State.Failing ? ShapePaths.Diamond : ShapePaths.Circle,
    };

    public string StateText(NodeView node) => node.State;

    public string? Caption(NodeView node)
    {
        if (!node.Up)
        {
            return null;
        }
        if (IsClient(node))
        {
            return $"{UiFormat.Number(Double(node, Property.Tokens))} tokens";
        }
        if (IsGateway(node))
        {
            return $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Forwarded))} passed";
        }
        return $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Received))} served";
    }

    public string AriaLabel(NodeView node) =>
        Caption(node) is { } caption ? $"{node.Label}, {StateText(node)}, {caption}" : $"{node.Label}, {StateText(node)}";

    /// <summary>Client faults are for clients, instance faults for instances, as the cluster allows them.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => fault.Id switch
    {
        Fault.Flood or Fault.BadToken or Fault.EdgeBurst => IsClient(node),
        Fault.SlowInstance or Fault.FailInstance or Fault.ServiceDown => IsInstance(node),
        _ => true,
    };

    private static double Double(NodeView node, string key) =>
        node.Properties.GetValueOrDefault(key) is IConvertible value ? value.ToDouble(System.Globalization.CultureInfo.InvariantCulture) : 0;
}
