using Microsoft.AspNetCore.Components;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>Shows a pattern page's content once its session runs; until then "starting", a polite refusal with ways out, or "ended".</summary>
public partial class SessionGate
{
    /// <summary>The page whose session this guards. Required.</summary>
    [Parameter, EditorRequired] public PatternPageBase Page { get; set; } = default!;

    /// <summary>The page's content, shown while it has a session.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }
}
