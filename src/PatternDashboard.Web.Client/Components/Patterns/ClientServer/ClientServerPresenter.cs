using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Web.Components.Patterns.ClientServer;

/// <summary>How the servers and clients read on screen: role and state as text and shape.</summary>
public sealed class ClientServerPresenter : INodePresenter
{
    public static ClientServerPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "server, serving or idle"),
        new(ShapePaths.Hexagon, "spare server (no client knows it)"),
        new(ShapePaths.Diamond, "server down"),
        new(ShapePaths.Circle, "client"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("answer", "answer", ShapePaths.Circle),
        new("rejected", "rejected: queue full", ShapePaths.Triangle),
        new("reset", "connection reset", ShapePaths.Star),
    ];

    public static bool IsServer(NodeView node) => node.Id is ServerId or SecondServerId;

    public string Shape(NodeView node) => !IsServer(node) ? ShapePaths.Circle : node.State switch
    {
        State.Down => ShapePaths.Diamond,
        State.Spare => ShapePaths.Hexagon,
        _ => ShapePaths.Square,
    };

    /// <summary>"server, serving", "server, paused", "client".</summary>
    public string StateText(NodeView node)
    {
        if (!IsServer(node))
        {
            return "client";
        }
        return NodeActions.IsPaused(node) ? "server, paused" : $"server, {node.State}";
    }

    /// <summary>A server's busy workers and queue ("1/1 busy, 12 queued"); a client's server and waiting requests.</summary>
    public string? Caption(NodeView node) => IsServer(node)
        ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Busy))}/{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Workers))} busy, {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Queued))} queued"
        : $"to {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Server))}, {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Waiting))} waiting";

    public string AriaLabel(NodeView node) => $"{node.Label}, {StateText(node)}, {Caption(node)}";

    /// <summary>Only servers have faults of their own; from the diagram the on-off ones, the slowdown is set in the fault panel.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => IsServer(node) && fault.Parameter is null;
}
