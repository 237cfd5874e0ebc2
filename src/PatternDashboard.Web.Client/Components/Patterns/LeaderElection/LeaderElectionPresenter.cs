using System.Globalization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.LeaderElection;

/// <summary>How a Raft node reads on screen: role as text and shape, term, timer, and which faults it offers.</summary>
public sealed class LeaderElectionPresenter : INodePresenter
{
    public static LeaderElectionPresenter Instance { get; } = new();

    public const string Leader = "leader";
    public const string Candidate = "candidate";
    public const string Follower = "follower";
    public const string Client = LeaderElectionPattern.ClientState;

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Star, "leader"),
        new(ShapePaths.Diamond, "candidate"),
        new(ShapePaths.Circle, "follower"),
        new(ShapePaths.Square, "client"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("vote-request", "vote request", ShapePaths.Diamond),
        new("vote", "vote", ShapePaths.Triangle),
        new("heartbeat", "heartbeat", ShapePaths.Circle),
        new("heartbeat-ack", "heartbeat ack", ShapePaths.Hexagon),
        new("write", "client write", ShapePaths.Square),
        new("write-reply", "write reply", ShapePaths.Star),
    ];

    public static bool IsClient(NodeView node) => node.State == Client || node.Id == LeaderElectionPattern.ClientId;

    public static string Role(NodeView node) => node.Properties.GetValueOrDefault(LeaderElectionPattern.Property.Role) as string ?? node.State;

    public static long? Term(NodeView node) => Long(node.Properties.GetValueOrDefault(LeaderElectionPattern.Property.Term));

    public static string? VotedFor(NodeView node) => node.Properties.GetValueOrDefault(LeaderElectionPattern.Property.VotedFor) as string;

    public static long? Votes(NodeView node) => Long(node.Properties.GetValueOrDefault(LeaderElectionPattern.Property.Votes));

    /// <summary>How far the election timer has run, 0 to 1; null for the client.</summary>
    public static double? Timer(NodeView node) => node.Properties.GetValueOrDefault(LeaderElectionPattern.Property.ElectionTimer) is IConvertible value
        ? Math.Clamp(value.ToDouble(CultureInfo.InvariantCulture), 0, 1)
        : null;

    public string Shape(NodeView node) => RoleShape(node);

    /// <summary>The shape of a node's role, for tables beside the picture.</summary>
    public static string RoleShape(NodeView node) => IsClient(node) ? ShapePaths.Square : Role(node) switch
    {
        Leader => ShapePaths.Star,
        Candidate => ShapePaths.Diamond,
        _ => ShapePaths.Circle,
    };

    public string StateText(NodeView node) => RoleText(node);

    /// <summary>"crashed", "leader, paused" (a zombie leader), "candidate", "client".</summary>
    public static string RoleText(NodeView node) =>
        IsClient(node) ? Client
        : NodeActions.IsCrashed(node) ? "crashed"
        : NodeActions.IsPaused(node) ? $"{Role(node)}, paused"
        : Role(node);

    public string? Caption(NodeView node) => IsClient(node) ? null : Term(node) is { } term ? $"term {term}" : null;

    /// <summary>"Node n2, leader, term 3".</summary>
    public string AriaLabel(NodeView node) =>
        IsClient(node) ? $"Client {node.Id}" : $"Node {node.Id}, {RoleText(node)}{(Term(node) is { } term ? $", term {term}" : "")}";

    /// <summary>The client is not a member; a leader runs no election timer to force.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) =>
        !IsClient(node) && !(fault.Id == LeaderElectionPattern.Fault.ForceTimeout && Role(node) == Leader);

    private static long? Long(object? value) => value is IConvertible convertible ? convertible.ToInt64(CultureInfo.InvariantCulture) : null;
}
