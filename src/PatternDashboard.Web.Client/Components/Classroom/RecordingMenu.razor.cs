using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Web.Classroom;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Classroom;

/// <summary>
/// A session's recording, for the person: save it as a file, or copy a link that replays a short run without a file.
/// Reading a recording changes nothing, so anyone watching may use it.
/// </summary>
public partial class RecordingMenu
{
    private string? link;
    private string? copyStatus;
    private string? error;

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The session whose recording this offers.</summary>
    [Parameter, EditorRequired] public required ISimulationSession Session { get; set; }

    private async Task ExportAsync()
    {
        error = await SafeRun.TryAsync(async () =>
        {
            var recording = await Session.ExportRecordingAsync();
            string time = Session.Current.Snapshot.SimulatedTime.ToString("0", CultureInfo.InvariantCulture);
            string name = $"{recording.PatternId}-seed{recording.Seed}-{time}s.recording.json";
            await JS.InvokeVoidAsync("patternDashboard.downloadFile", name, "application/json", recording.ToJson());
        });
    }

    private async Task CopyLinkAsync()
    {
        copyStatus = null;
        link = null;
        error = await SafeRun.TryAsync(async () =>
        {
            var recording = await Session.ExportRecordingAsync();
            link = Navigation.ToAbsoluteUri(RecordingLink.RelativeUrl(recording)).ToString();
            bool copied = await JS.InvokeAsync<bool>("patternDashboard.copyText", link);
            copyStatus = copied ? "Link copied." : "Select the link and copy it: the browser did not allow copying.";
        });
    }
}
