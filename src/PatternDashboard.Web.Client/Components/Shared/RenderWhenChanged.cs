using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// Renders its content again only when <see cref="Key"/> changes: for a frame of controls, such as the tab strip,
/// that each update of the page would otherwise re-render unchanged. Content that must follow every update inside it
/// redraws itself (<see cref="RenderWhenShown.Redraws"/>); the frame's own controls still render when clicked.
/// </summary>
public sealed class RenderWhenChanged : ComponentBase
{
    private object? renderedKey;
    private bool rendered;

    /// <summary>Everything the frame itself shows, compared by value (a tuple, say). Required.</summary>
    [Parameter, EditorRequired] public object? Key { get; set; }

    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override bool ShouldRender() => !rendered || !Equals(Key, renderedKey);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        rendered = true;
        renderedKey = Key;
        builder.AddContent(0, ChildContent);
    }
}
