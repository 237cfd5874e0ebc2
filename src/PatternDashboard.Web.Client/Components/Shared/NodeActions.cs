using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>A node-targeted fault offered on one node, with the button text that names both ("Crash n2").</summary>
public sealed record NodeAction(FaultDefinition Fault, NodeView Node, string Label)
{
    public FaultRequest Request => new(Fault.Id, Node.Id, Fault.Parameter?.Default);
}

/// <summary>Which node faults make sense on a node right now, and how their buttons read.</summary>
public static class NodeActions
{
    public static bool IsCrashed(NodeView node) => string.Equals(node.Lifecycle, "crashed", StringComparison.OrdinalIgnoreCase);

    public static bool IsPaused(NodeView node) => string.Equals(node.Lifecycle, "paused", StringComparison.OrdinalIgnoreCase);

    /// <summary>The node-targeted faults of <paramref name="catalog"/> that apply to <paramref name="node"/>, in catalog order.</summary>
    /// <param name="isAvailable">The page's own rule on top of the lifecycle rules (e.g. "not the client"); null allows all.</param>
    public static IReadOnlyList<NodeAction> For(
        IEnumerable<FaultDefinition> catalog, NodeView node, IReadOnlyList<ActiveFault> active, Func<NodeView, FaultDefinition, bool>? isAvailable = null) =>
        [.. catalog
            .Where(f => f.Target == FaultTarget.Node && !f.IsBreakIt && IsAvailable(f, node, active) && (isAvailable?.Invoke(node, f) ?? true))
            .Select(f => new NodeAction(f, node, LabelFor(f, node.Id)))];

    public static bool IsAvailable(FaultDefinition fault, NodeView node, IReadOnlyList<ActiveFault> active)
    {
        if (!fault.IsInstant && active.Any(a => a.FaultId == fault.Id && a.Target == node.Id))
        {
            return false; // already in force: its undo button is the way back
        }
        return fault.Id switch
        {
            LifecycleFaults.Restart => IsCrashed(node),
            LifecycleFaults.Resume => IsPaused(node),
            LifecycleFaults.Pause => node.Up && !IsPaused(node) && !IsCrashed(node),
            _ => !IsCrashed(node),
        };
    }

    /// <summary>"Crash node" on n2 reads "Crash n2"; a label without "node" gets the node after a colon.</summary>
    public static string LabelFor(FaultDefinition fault, string nodeName)
    {
        const string suffix = " node";
        return fault.Label.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? fault.Label[..^suffix.Length] + " " + nodeName
            : $"{fault.Label}: {nodeName}";
    }
}
