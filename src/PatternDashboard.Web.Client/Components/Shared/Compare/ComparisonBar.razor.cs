using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared.Compare;

/// <summary>The comparison's line above the two runs; its controls only for whoever drives the pair.</summary>
public partial class ComparisonBar
{
    [Parameter, EditorRequired] public ComparisonInfo Info { get; set; } = default!;

    [Parameter] public bool CanControl { get; set; }

    [Parameter] public ComparisonSide Aim { get; set; }

    [Parameter] public EventCallback<ComparisonSide> AimChanged { get; set; }

    [Parameter] public EventCallback OnExport { get; set; }

    [Parameter] public EventCallback OnEnd { get; set; }

    private Task ChangeAimAsync(ChangeEventArgs e) =>
        Enum.TryParse<ComparisonSide>(e.Value?.ToString(), out var side) ? AimChanged.InvokeAsync(side) : Task.CompletedTask;
}
