using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Classroom;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Classroom;

/// <summary>Opens a shared link: unpacks and checks its recording, replays it into a new run and shows that run.</summary>
public partial class ReplayLinkPage
{
    private string? error;
    private bool started;
    private string? opened;

    [Inject] public required ISessionManager Sessions { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [CascadingParameter(Name = "BrowserId")] public string? BrowserId { get; set; }

    [SupplyParameterFromQuery(Name = RecordingLink.Parameter)] public string? Packed { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // The prerender must not create a session nobody will watch; and one link opens one run.
        if (!RendererInfo.IsInteractive || started && opened == Packed)
        {
            return;
        }
        started = true;
        opened = Packed;
        error = null;
        try
        {
            var recording = RecordingLink.Unpack(Packed);
            var session = await RecordingOpener.OpenAsync(Sessions, BrowserId ?? "anonymous", recording);
            // A full load: the run's page may be one that runs in the browser.
            Navigation.NavigateTo(RecordingOpener.PageFor(session), forceLoad: true, replace: true);
        }
        catch (Exception e) when (RecordingOpener.IsExpected(e))
        {
            error = e.Message;
        }
    }
}
