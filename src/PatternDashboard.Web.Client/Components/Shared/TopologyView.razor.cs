using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The cluster as a picture: nodes on a circle (state as text and shape), links as lines, messages in flight along
/// them. Selecting a node shows its properties and the node faults of the session's catalog as buttons.
/// </summary>
public partial class TopologyView
{
    internal const double ViewWidth = 640;
    internal const double ViewHeight = 540;
    private const double CenterX = 320;
    private const double CenterY = 262;
    private const double Ring = 190;
    internal const double NodeRadius = 34;

    private readonly Dictionary<string, string> assignedMessageShapes = [];
    private Dictionary<string, (double X, double Y)> positions = [];
    private IReadOnlyList<LinkView> distinctLinks = [];
    // A node's click and key handlers, the same delegates at every update: new ones would each be sent to the browser
    // as a changed handler, ten times a second.
    private readonly Dictionary<string, (Func<Task> Click, Func<KeyboardEventArgs, Task> Key)> handlers = [];
    private string? error;

    /// <summary>The picture to draw. Default: none (an empty placeholder).</summary>
    [Parameter] public SimulationSnapshot? Snapshot { get; set; }

    /// <summary>Where node actions go. Default: none, and the view offers no actions.</summary>
    [Parameter] public ISimulationSession? Session { get; set; }

    /// <summary>How the pattern's nodes look: shape, state line, caption, accessible name, legend, which faults they offer. Default: plain circles.</summary>
    [Parameter] public INodePresenter Presenter { get; set; } = PlainNodePresenter.Instance;

    /// <summary>The node whose details are open. Default: none.</summary>
    [Parameter] public string? SelectedNodeId { get; set; }

    [Parameter] public EventCallback<string?> SelectedNodeIdChanged { get; set; }

    /// <summary>The picture's accessible name. Default: "Cluster topology".</summary>
    [Parameter] public string Title { get; set; } = "Cluster topology";

    /// <summary>Messages drawn at most, to keep the picture light. Default: 150.</summary>
    [Parameter] public int MaxMessages { get; set; } = 150;

    /// <summary>False on a room's page for a viewer without the instructor key: no control is rendered. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private IReadOnlyList<NodeView> Nodes => Snapshot?.Nodes ?? [];

    private NodeView? SelectedNode => Nodes.FirstOrDefault(n => n.Id == SelectedNodeId);

    private IReadOnlyList<ActiveFault> ActiveFaults => Snapshot?.ActiveFaults ?? [];

    protected override void OnParametersSet()
    {
        positions = new Dictionary<string, (double X, double Y)>(Nodes.Count);
        for (int i = 0; i < Nodes.Count; i++)
        {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / Nodes.Count;
            positions[Nodes[i].Id] = (CenterX + Ring * Math.Cos(angle), CenterY + Ring * Math.Sin(angle));
        }
        foreach (var message in Snapshot?.Messages ?? [])
        {
            ShapeOf(message.Kind);
        }
        distinctLinks = [.. (Snapshot?.Links ?? []).DistinctBy(l => (string.CompareOrdinal(l.From, l.To) < 0 ? (l.From, l.To) : (l.To, l.From), l.State))];
        if (handlers.Count > Nodes.Count || Nodes.Any(n => !handlers.ContainsKey(n.Id)))
        {
            handlers.Clear();
            foreach (var node in Nodes)
            {
                string id = node.Id;
                handlers[id] = (() => ToggleAsync(id), e => OnNodeKeyDownAsync(e, id));
            }
        }
        UpdateFlights();
    }

    /// <summary>"crashed", "leader, paused" or the node's state.</summary>
    public static string StateText(NodeView node) => NodeActions.IsCrashed(node) ? "crashed"
        : NodeActions.IsPaused(node) && !string.Equals(node.State, node.Lifecycle, StringComparison.OrdinalIgnoreCase) ? $"{node.State}, paused"
        : node.State;

    private string StateLine(NodeView node) => Presenter.StateText(node);

    private string AriaLabel(NodeView node) => Presenter.AriaLabel(node);

    private string Shape(NodeView node) => Presenter.Shape(node);

    private IReadOnlyList<MessageKindStyle> MessageKinds => Presenter.MessageKinds;

    private string NodeClass(NodeView node) =>
        $"node shape-{Shape(node)}{(NodeActions.IsCrashed(node) ? " crashed" : "")}{(NodeActions.IsPaused(node) ? " paused" : "")}{(node.Id == SelectedNodeId ? " selected" : "")}";

    private string TextClass(NodeView node) => "node-texts" + NodeClass(node)[4..];

    private string ShapeOf(string kind)
    {
        if (MessageKinds.FirstOrDefault(k => k.Kind == kind) is { } style)
        {
            return style.Shape;
        }
        if (!assignedMessageShapes.TryGetValue(kind, out var shape))
        {
            shape = ShapePaths.Cycle[assignedMessageShapes.Count % ShapePaths.Cycle.Count];
            assignedMessageShapes[kind] = shape;
        }
        return shape;
    }

    private int KindIndex(string kind)
    {
        var kinds = MessageKinds;
        for (int i = 0; i < kinds.Count; i++)
        {
            if (kinds[i].Kind == kind)
            {
                return i;
            }
        }
        int assigned = 0;
        foreach (var known in assignedMessageShapes.Keys)
        {
            if (known == kind)
            {
                return kinds.Count + assigned;
            }
            assigned++;
        }
        return kinds.Count - 1;
    }

    private IEnumerable<MessageKindStyle> MessageLegend =>
        MessageKinds.Concat(assignedMessageShapes.Select(a => new MessageKindStyle(a.Key, a.Key, a.Value)));

    /// <summary>The segment between two nodes, cut back to their edges; null when a node is unknown.</summary>
    private (double X1, double Y1, double X2, double Y2)? Segment(string from, string to)
    {
        if (!positions.TryGetValue(from, out var a) || !positions.TryGetValue(to, out var b))
        {
            return null;
        }
        double dx = b.X - a.X, dy = b.Y - a.Y, length = Math.Sqrt(dx * dx + dy * dy);
        if (length < 1)
        {
            return null;
        }
        double cut = (NodeRadius + 8) / length;
        return (a.X + dx * cut, a.Y + dy * cut, b.X - dx * cut, b.Y - dy * cut);
    }

    private IReadOnlyList<LinkView> DistinctLinks => distinctLinks;

    /// <summary>
    /// The network's state in words, for screen readers: the drawing's cut links and moving messages carry only SVG
    /// titles, which assistive technology does not announce reliably.
    /// </summary>
    internal string NetworkSummary
    {
        get
        {
            var links = DistinctLinks;
            var cut = links.Where(l => l.State == "down").Select(l => $"{l.From} and {l.To}").ToList();
            var oneWay = links.Where(l => l.State == "one-way").Select(l => $"{l.From} to {l.To} only").ToList();
            var parts = new List<string>();
            if (cut.Count == 0 && oneWay.Count == 0)
            {
                parts.Add("All links up.");
            }
            if (cut.Count > 0)
            {
                parts.Add($"Links cut between {string.Join("; ", cut)}.");
            }
            if (oneWay.Count > 0)
            {
                parts.Add($"One-way links: {string.Join("; ", oneWay)}.");
            }
            int messages = Snapshot?.Messages.Count ?? 0;
            parts.Add(messages == 1 ? "1 message in flight." : $"{messages} messages in flight.");
            return string.Join(" ", parts);
        }
    }

    private static string LinkClass(LinkView link) => link.State switch
    {
        "down" => "link link-down",
        "one-way" => "link link-oneway",
        _ => "link link-up",
    };

    private async Task SelectAsync(string? nodeId)
    {
        SelectedNodeId = nodeId;
        error = null;
        await SelectedNodeIdChanged.InvokeAsync(nodeId);
    }

    private Task ToggleAsync(string nodeId) => SelectAsync(SelectedNodeId == nodeId ? null : nodeId);

    private Task OnNodeKeyDownAsync(KeyboardEventArgs e, string nodeId) =>
        e.Key is "Enter" or " " or "Spacebar" ? ToggleAsync(nodeId) : Task.CompletedTask;

    private IReadOnlyList<NodeAction> ActionsFor(NodeView node) =>
        Session is null ? [] : NodeActions.For(Session.FaultCatalog, node, ActiveFaults, Presenter.IsActionAvailable);

    private async Task RunAsync(NodeAction action)
    {
        if (Session is { } session)
        {
            error = await SafeRun.TryAsync(() => session.InjectFaultAsync(action.Request));
        }
    }

    private async Task UndoAsync(ActiveFault fault)
    {
        if (Session is { } session)
        {
            error = await SafeRun.TryAsync(() => session.ClearFaultAsync(fault.Id));
        }
    }
}
