using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;

namespace PatternDashboard.Web.Components.Classroom;

/// <summary>
/// A file picker for a recording: checks size, JSON shape, pattern, options and inputs, then opens the replayed run.
/// Anything wrong is said in one message and nothing else happens.
/// </summary>
public partial class RecordingImportForm
{
    private bool busy;
    private string? error;
    private string fileName = "";

    [Inject] public required ISessionManager Sessions { get; init; }

    [Inject] public required ComparisonManager Comparisons { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [CascadingParameter(Name = "BrowserId")] public string? BrowserId { get; set; }

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        error = null;
        var file = e.File;
        fileName = file.Name;
        if (file.Size > Recording.MaxFileBytes)
        {
            error = $"\"{file.Name}\" is {file.Size / 1024.0 / 1024.0:0.#} MB; a recording file may be at most {Recording.MaxFileBytes / 1024 / 1024} MB. Nothing was opened.";
            return;
        }
        busy = true;
        try
        {
            string text;
            await using (var stream = file.OpenReadStream(Recording.MaxFileBytes))
            {
                using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
                text = await reader.ReadToEndAsync();
            }
            string owner = BrowserId ?? "anonymous";
            // "Export both runs" of a comparison writes both recordings in one file, which opens as the comparison again.
            var session = ComparisonManager.ParseFile(text) is { } pair
                ? (await Comparisons.ImportAsync(owner, pair)).Without
                : await RecordingOpener.OpenAsync(Sessions, owner, Recording.FromJson(text));
            // A full load: the run's page may be one that runs in the browser.
            Navigation.NavigateTo(RecordingOpener.PageFor(session), forceLoad: true);
        }
        catch (Exception ex) when (RecordingOpener.IsExpected(ex) || ex is IOException or DecoderFallbackException)
        {
            error = $"\"{file.Name}\" cannot be opened: {Reason(ex)} Nothing was opened.";
        }
        finally
        {
            busy = false;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        DecoderFallbackException => "it is not a text file.",
        IOException io => $"it could not be read ({io.Message}).",
        _ => e.Message.TrimEnd('.') + ".",
    };
}
