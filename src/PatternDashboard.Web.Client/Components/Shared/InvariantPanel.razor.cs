using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>Each invariant with "Holds" or "VIOLATED" as text and icon, how often it broke, and the last violation.</summary>
public partial class InvariantPanel
{
    /// <summary>The invariants to show, as the snapshot reports them. Default: none.</summary>
    [Parameter] public IReadOnlyList<InvariantView> Invariants { get; set; } = [];

    /// <summary>The heading. Default: "Invariants".</summary>
    [Parameter] public string Title { get; set; } = "Invariants";

    private readonly UnchangedInputs unchanged = new();
    private IReadOnlyList<InvariantView>? renderedInvariants;
    private string? renderedTitle;

    protected override void OnParametersSet()
    {
        unchanged.Note(renderedInvariants is not null && Title == renderedTitle && UnchangedInputs.SameItems(Invariants, renderedInvariants));
        renderedInvariants = Invariants;
        renderedTitle = Title;
    }

    protected override bool ShouldRender() => unchanged.ShouldRender();

    protected override void OnAfterRender(bool firstRender) => unchanged.Rendered();
}
