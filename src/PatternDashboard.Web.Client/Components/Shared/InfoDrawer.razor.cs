using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>A pattern's explanation in a drawer: problem, how it works, benefits, trade-offs, who uses it.</summary>
public partial class InfoDrawer
{
    /// <summary>Whether the drawer is shown. Default: closed.</summary>
    [Parameter] public bool Open { get; set; }

    [Parameter] public EventCallback<bool> OpenChanged { get; set; }

    /// <summary>The heading. Default: "About this pattern".</summary>
    [Parameter] public string Title { get; set; } = "About this pattern";

    /// <summary>The text to show. Default: none (only <see cref="ChildContent"/>).</summary>
    [Parameter] public PatternInfo? Info { get; set; }

    /// <summary>Anything more, after the info. Default: none.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    private bool renderedOpen;

    // A closed drawer shows nothing, yet its page re-renders it with every update; only opening, closing and an open drawer render.
    protected override bool ShouldRender() => Open || renderedOpen;

    protected override void OnAfterRender(bool firstRender) => renderedOpen = Open;
}
