using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Components.Shared.Compare;

/// <summary>The comparison's line above the two runs; its controls only for whoever drives the pair.</summary>
public partial class ComparisonBar
{
    [Parameter, EditorRequired] public ComparisonInfo Info { get; set; } = default!;

    [Parameter] public bool CanControl { get; set; }

    [Parameter] public EventCallback OnExport { get; set; }

    [Parameter] public EventCallback OnEnd { get; set; }
}
