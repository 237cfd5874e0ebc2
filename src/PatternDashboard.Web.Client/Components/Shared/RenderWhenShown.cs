using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// Holds back the re-renders of content nobody can see, such as a tab that is not open: every update re-renders
/// the whole page, and in the browser's WebAssembly interpreter a hidden tab's controls cost as much as visible
/// ones. Hidden content keeps its components (a filter typed in the event log survives a tab change) and catches
/// up in one render when shown again.
/// </summary>
public sealed class RenderWhenShown : ComponentBase, IDisposable
{
    private bool renderedShown;
    private bool rendered;

    /// <summary>Whether the content is on screen now. Default: true.</summary>
    [Parameter] public bool Shown { get; set; } = true;

    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>
    /// Where the page says it drew an update, for content whose parent does not re-render with each one (a frame kept
    /// by <see cref="RenderWhenChanged"/>): shown content draws it as well. Default: none (the parent's renders only).
    /// </summary>
    [Parameter] public PageRedraws? Redraws { get; set; }

    private PageRedraws? heard;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(heard, Redraws))
        {
            StopHearing();
            heard = Redraws;
            if (heard is not null)
            {
                heard.Drawn += OnDrawn;
            }
        }
    }

    private void OnDrawn()
    {
        if (Shown || renderedShown)
        {
            StateHasChanged();
        }
    }

    public void Dispose() => StopHearing();

    private void StopHearing()
    {
        if (heard is not null)
        {
            heard.Drawn -= OnDrawn;
            heard = null;
        }
    }

    // Hiding renders once more, so nothing shown is left half-updated; after that, hidden updates are skipped.
    protected override bool ShouldRender() => !rendered || Shown || renderedShown;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        rendered = true;
        renderedShown = Shown;
        builder.AddContent(0, ChildContent);
    }
}
