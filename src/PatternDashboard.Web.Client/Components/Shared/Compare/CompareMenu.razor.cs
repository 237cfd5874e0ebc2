using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Components.Shared.Compare;

/// <summary>
/// Offers the differences a comparison can start from: each "break it" switch first (the comparison that shows why the
/// pattern exists), then each fault of the whole cluster that stays on (at its default value). Faults on one node are
/// aimed at one side once the comparison runs; a different option is a hub call (CreateComparison with an option).
/// </summary>
public partial class CompareMenu
{
    /// <summary>The faults of the run to compare. Required.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<FaultDefinition> Faults { get; set; } = [];

    /// <summary>Called with the difference picked.</summary>
    [Parameter] public EventCallback<CompareInput> OnCompare { get; set; }

    private IEnumerable<FaultDefinition> Differences =>
        Faults.Where(f => f.IsBreakIt).Concat(Faults.Where(f => !f.IsBreakIt && !f.IsInstant && f.Target == FaultTarget.None));

    private static CompareInput InputFor(FaultDefinition fault) => new(FaultId: fault.Id, Value: fault.Parameter?.Default);
}
