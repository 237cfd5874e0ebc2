using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// How one pattern's nodes look in the live view: shape, state line, caption, accessible name, which node faults they
/// offer, and the legend. Each pattern has one; the node property names it reads live in it and nowhere else.
/// </summary>
public interface INodePresenter
{
    /// <summary>What the node shapes mean.</summary>
    IReadOnlyList<ShapeLegendItem> Legend { get; }

    /// <summary>Shapes and names of the message kinds; unlisted kinds get shapes in turn.</summary>
    IReadOnlyList<MessageKindStyle> MessageKinds { get; }

    /// <summary>The node's shape (see <see cref="ShapePaths"/>): the state is never told by colour alone.</summary>
    string Shape(NodeView node) => ShapePaths.Circle;

    /// <summary>The state line under a node: "crashed", "leader, paused", "leader".</summary>
    string StateText(NodeView node) => TopologyView.StateText(node);

    /// <summary>An extra line under the state, such as "term 3"; null for none.</summary>
    string? Caption(NodeView node) => null;

    /// <summary>The node's accessible name, which says what its shape and captions show.</summary>
    string AriaLabel(NodeView node) => $"Node {node.Id}, {StateText(node)}";

    /// <summary>Whether the node offers this node fault, on top of the lifecycle rules.</summary>
    bool IsActionAvailable(NodeView node, FaultDefinition fault) => true;
}

/// <summary>The look of a pattern that says nothing of its own: circles and state words.</summary>
public sealed class PlainNodePresenter : INodePresenter
{
    public static PlainNodePresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend => [];

    public IReadOnlyList<MessageKindStyle> MessageKinds => [];
}
