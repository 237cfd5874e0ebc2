using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The faults in force with an undo button each, the cluster-wide faults as buttons (with a value where they take
/// one), and the "break it" switches. Node faults live on the nodes (topology view, node tables).
/// </summary>
public partial class FaultPanel
{
    private readonly Dictionary<string, double> values = [];
    private string? error;
    private string? damageNote;

    /// <summary>The session faults go to. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>The faults in force; falls back to the session's current snapshot. Default: none given.</summary>
    [Parameter] public IReadOnlyList<ActiveFault>? ActiveFaults { get; set; }

    /// <summary>The heading. Default: "Faults".</summary>
    [Parameter] public string Title { get; set; } = "Faults";

    /// <summary>False on a room's page for a viewer without the instructor key: no control is rendered. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private readonly UnchangedInputs unchanged = new();
    private (ISimulationSession Session, IReadOnlyList<ActiveFault>? Faults, string Title, bool CanControl)? rendered;

    // Without ActiveFaults the panel reads the session directly, so it cannot tell a change: it always renders then.
    protected override void OnParametersSet()
    {
        unchanged.Note(ActiveFaults is not null && rendered is { } r && ReferenceEquals(r.Session, Session)
            && r.Title == Title && r.CanControl == CanControl && UnchangedInputs.SameItems(r.Faults, ActiveFaults));
        rendered = (Session, ActiveFaults, Title, CanControl);
    }

    protected override bool ShouldRender() => unchanged.ShouldRender();

    protected override void OnAfterRender(bool firstRender) => unchanged.Rendered();

    private IReadOnlyList<ActiveFault> Active => ActiveFaults ?? Session.Current.Snapshot.ActiveFaults;

    private IEnumerable<FaultDefinition> ClusterFaults =>
        Session.FaultCatalog.Where(f => f.Target == FaultTarget.None && !f.IsBreakIt);

    private IEnumerable<FaultDefinition> BreakIts => Session.FaultCatalog.Where(f => f.IsBreakIt);

    private double ValueOf(FaultDefinition fault) =>
        values.TryGetValue(fault.Id, out double value) ? value : fault.Parameter?.Default ?? 0;

    private void SetValue(FaultDefinition fault, double value) => values[fault.Id] = value;

    private bool IsOn(FaultDefinition fault) => Active.Any(a => a.FaultId == fault.Id);

    private Task InjectAsync(FaultDefinition fault) =>
        RunAsync(() => Session.InjectFaultAsync(new FaultRequest(fault.Id, null, fault.Parameter is null ? null : ValueOf(fault))));

    private Task UndoAsync(ActiveFault fault) => RunAsync(() => Session.ClearFaultAsync(fault.Id));

    /// <summary>"Turns the switch on, then: Lose messages (60 %), 5 s apart." in words, from the catalog's labels.</summary>
    private string DamagePlan(FaultDefinition fault)
    {
        var steps = fault.Demonstration.Select(request =>
        {
            var step = Session.FaultCatalog.FirstOrDefault(f => f.Id == request.FaultId);
            string text = step?.Label ?? request.FaultId;
            text += request.Target is { } target ? $": {target}" : "";
            return request.Value is { } value ? $"{text} ({value} {step?.Parameter?.Unit})" : text;
        });
        string spacing = fault.Demonstration.Count > 1 ? $", {FaultDefinition.DemonstrationStep.TotalSeconds:0} simulated s apart" : "";
        return $"Turns \"{fault.Label}\" on, then: {string.Join("; ", steps)}{spacing}.";
    }

    private async Task ShowDamageAsync(FaultDefinition fault)
    {
        await RunAsync(() => Session.ShowDamageAsync(fault.Id));
        damageNote = error is null ? $"Showing the damage. {DamagePlan(fault)} Watch the invariants." : null;
    }

    private Task SetBreakItAsync(FaultDefinition fault, bool on)
    {
        if (on)
        {
            return RunAsync(() => Session.InjectFaultAsync(new FaultRequest(fault.Id)));
        }
        var active = Active.Where(a => a.FaultId == fault.Id).ToList();
        return RunAsync(async () =>
        {
            foreach (var entry in active)
            {
                await Session.ClearFaultAsync(entry.Id);
            }
        });
    }

    private static string Since(ActiveFault fault) => $"since {UiFormat.ShortSeconds(fault.SinceTime)}";

    private async Task RunAsync(Func<Task> action) => error = await SafeRun.TryAsync(action);
}
