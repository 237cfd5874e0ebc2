using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Components.Shared.Compare;

/// <summary>Where the fault panel of a comparison sends its faults: both runs (the default), or one of them.</summary>
public partial class FaultAimPicker
{
    [Parameter] public ComparisonSide Aim { get; set; }

    [Parameter] public EventCallback<ComparisonSide> AimChanged { get; set; }

    [Parameter] public bool CanControl { get; set; }

    private Task ChangeAsync(ChangeEventArgs e) =>
        Enum.TryParse<ComparisonSide>(e.Value?.ToString(), out var side) ? AimChanged.InvokeAsync(side) : Task.CompletedTask;
}
