using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Patterns.LeaderElection;

/// <summary>One row per Raft node: role, up, term, vote, votes, election timer, and a menu with every node fault.</summary>
public partial class LeaderNodeTable
{
    private string? error;

    /// <summary>The nodes as the snapshot shows them; the client is left out. Default: none.</summary>
    [Parameter] public IReadOnlyList<NodeView> Nodes { get; set; } = [];

    /// <summary>The faults in force, for the undo items. Default: none.</summary>
    [Parameter] public IReadOnlyList<ActiveFault> ActiveFaults { get; set; } = [];

    /// <summary>Where node faults go. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>False on a room's page for a viewer without the instructor key: no control is rendered. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private IEnumerable<NodeView> Members => Nodes.Where(n => !LeaderElectionPresenter.IsClient(n));

    private IReadOnlyList<(string Label, FaultRequest Request)> MenuItemsFor(NodeView node) =>
        [.. NodeActions.For(Session.FaultCatalog, node, ActiveFaults, LeaderElectionPresenter.Instance.IsActionAvailable).Select(a => (a.Label, a.Request))];

    private IReadOnlyList<ActiveFault> UndosFor(NodeView node) => [.. ActiveFaults.Where(f => f.Target == node.Id)];

    private static string Votes(NodeView node) =>
        LeaderElectionPresenter.Role(node) == LeaderElectionPresenter.Candidate || LeaderElectionPresenter.Role(node) == LeaderElectionPresenter.Leader
            ? $"{LeaderElectionPresenter.Votes(node) ?? 0} of {UiFormat.Value(node.Properties.GetValueOrDefault(LeaderElectionPattern.Property.VotesNeeded))} needed"
            : "—";

    private async Task RunAsync(FaultRequest request) => error = await SafeRun.TryAsync(() => Session.InjectFaultAsync(request));

    private async Task UndoAsync(ActiveFault fault) => error = await SafeRun.TryAsync(() => Session.ClearFaultAsync(fault.Id));
}
