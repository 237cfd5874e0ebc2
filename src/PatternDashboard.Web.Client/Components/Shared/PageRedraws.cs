namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// Tells content held inside a frame that does not re-render (<see cref="RenderWhenChanged"/>) that the page has
/// drawn a new update, so the content can draw it too.
/// </summary>
public sealed class PageRedraws
{
    public event Action? Drawn;

    /// <summary>Call on the renderer's thread, as the page renders an update.</summary>
    public void Announce() => Drawn?.Invoke();
}
