using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;

namespace PatternDashboard.Web.Components.Patterns.Sharding;

/// <summary>How the clients, the router and the shards read on screen: role and service by shape, keys per store in words.</summary>
public sealed class ShardingPresenter : INodePresenter
{
    public static ShardingPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "clients"),
        new(ShapePaths.Diamond, "router"),
        new(ShapePaths.Circle, "shard in service (keys: modulo · ring · range)"),
        new(ShapePaths.Hexagon, "shard handing off keys"),
        new(ShapePaths.Triangle, "spare shard"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "client request", ShapePaths.Square),
        new("read", "read", ShapePaths.Circle),
        new("write", "write", ShapePaths.Triangle),
        new("answer", "answer", ShapePaths.Circle),
        new("rebalance", "new map", ShapePaths.Diamond),
        new("handoff", "keys handed off", ShapePaths.Hexagon),
        new("handoff-ack", "handoff acknowledged", ShapePaths.Star),
        new("rebalanced", "rebalance done", ShapePaths.Star),
        new("replica", "replica copy", ShapePaths.Triangle),
    ];

    public static bool IsShard(NodeView node) => node.Id != RouterId && node.Id != ClientsId;

    public string Shape(NodeView node) => node.Id switch
    {
        ClientsId => ShapePaths.Square,
        RouterId => ShapePaths.Diamond,
        _ when node.State == State.HandingOff => ShapePaths.Hexagon,
        _ when node.Properties.GetValueOrDefault(Property.InService) is true => ShapePaths.Circle,
        _ => ShapePaths.Triangle,
    };

    public string? Caption(NodeView node) => IsShard(node) && node.State != State.Spare
        ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.KeysModulo))} · {UiFormat.Value(node.Properties.GetValueOrDefault(Property.KeysRing))} · {UiFormat.Value(node.Properties.GetValueOrDefault(Property.KeysRange))} keys"
        : null;

    public string AriaLabel(NodeView node) => IsShard(node)
        ? $"{node.Label}, {TopologyView.StateText(node)}, keys owned: {UiFormat.Value(node.Properties.GetValueOrDefault(Property.KeysModulo))} by hash modulo N, " +
          $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.KeysRing))} by consistent hashing, {UiFormat.Value(node.Properties.GetValueOrDefault(Property.KeysRange))} by key range"
        : $"{node.Label}, {TopologyView.StateText(node)}";

    /// <summary>Crash and pause are for shards (the router and the clients stand for the store's front door); removal for shards in service.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) =>
        IsShard(node) && (fault.Id != Fault.RemoveShard || node.Properties.GetValueOrDefault(Property.InService) is true);
}
