using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.LeaderElection;

/// <summary>
/// One node's fault menu in the node table. The table re-renders with every update (its timers move), and a menu
/// is among the costliest controls to render in the browser, so the menu renders again only when what it offers
/// changes.
/// </summary>
public partial class NodeActionMenu
{
    private readonly UnchangedInputs unchanged = new();
    private string? renderedNode;
    private IReadOnlyList<(string Label, FaultRequest Request)> renderedActions = [];
    private IReadOnlyList<ActiveFault> renderedUndos = [];

    /// <summary>The node the menu acts on. Required.</summary>
    [Parameter, EditorRequired] public string NodeId { get; set; } = "";

    /// <summary>The faults offered, with their button text. Default: none.</summary>
    [Parameter] public IReadOnlyList<(string Label, FaultRequest Request)> Actions { get; set; } = [];

    /// <summary>The faults in force on the node, each offered as an undo. Default: none.</summary>
    [Parameter] public IReadOnlyList<ActiveFault> Undos { get; set; } = [];

    [Parameter] public EventCallback<FaultRequest> OnRun { get; set; }

    [Parameter] public EventCallback<ActiveFault> OnUndo { get; set; }

    protected override void OnParametersSet()
    {
        unchanged.Note(renderedNode == NodeId && UnchangedInputs.SameItems(renderedActions, Actions) && UnchangedInputs.SameItems(renderedUndos, Undos));
        (renderedNode, renderedActions, renderedUndos) = (NodeId, Actions, Undos);
    }

    protected override bool ShouldRender() => unchanged.ShouldRender();

    protected override void OnAfterRender(bool firstRender) => unchanged.Rendered();
}
