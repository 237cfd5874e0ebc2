using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The simulation's event log, newest first: filter by node and kind, search the text, pause following to read,
/// and export what is shown as JSON Lines or CSV. The page feeds <see cref="Events"/> (see <see cref="EventBuffer"/>).
/// </summary>
public partial class EventLogView
{
    internal const string AllValue = "";

    private IReadOnlyList<SimulationEvent>? lastEvents;
    private IReadOnlyList<SimulationEvent> frozen = [];
    private SimulationEvent[] shown = [];
    private string nodeFilter = AllValue;
    private string kindFilter = AllValue;
    private string search = "";
    private bool follow = true;
    private string? error;

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>The events held, oldest first. Default: none.</summary>
    [Parameter] public IReadOnlyList<SimulationEvent> Events { get; set; } = [];

    /// <summary>How many events are kept, for the caption. Default: the simulation's log capacity.</summary>
    [Parameter] public int Capacity { get; set; } = SimulationBase.DefaultEventLogCapacity;

    /// <summary>The heading. Default: "Event log".</summary>
    [Parameter] public string Title { get; set; } = "Event log";

    /// <summary>The start of exported file names. Default: "events".</summary>
    [Parameter] public string FileName { get; set; } = "events";

    /// <summary>Height of the scrolling list. Default: "420px".</summary>
    [Parameter] public string Height { get; set; } = "420px";

    private IReadOnlyList<SimulationEvent> Source => follow ? Events : frozen;

    private int NewWhilePaused => follow ? 0 : Math.Max(0, Events.Count - frozen.Count);

    private IEnumerable<string> Nodes => Source.Select(e => e.Node).OfType<string>().Distinct().Order(StringComparer.Ordinal);

    private IEnumerable<string> Kinds => Source.Select(e => e.Kind).Distinct().Order(StringComparer.Ordinal);

    private readonly UnchangedInputs unchanged = new();
    private (int Capacity, string Title, string FileName, string Height)? renderedSettings;

    protected override bool ShouldRender() => unchanged.ShouldRender();

    protected override void OnAfterRender(bool firstRender) => unchanged.Rendered();

    protected override void OnParametersSet()
    {
        var settings = (Capacity, Title, FileName, Height);
        // The buffer hands out a new list only when events arrive, so the same list means nothing new to show.
        unchanged.Note(lastEvents is not null && ReferenceEquals(lastEvents, Events) && renderedSettings == settings);
        renderedSettings = settings;
        if (!ReferenceEquals(lastEvents, Events))
        {
            lastEvents = Events;
            if (follow)
            {
                Refilter();
            }
        }
    }

    private void Refilter()
    {
        string text = search.Trim();
        var matches = Source.Where(e =>
            (nodeFilter == AllValue || e.Node == nodeFilter) &&
            (kindFilter == AllValue || e.Kind == kindFilter) &&
            (text.Length == 0 || e.Text.Contains(text, StringComparison.OrdinalIgnoreCase)
                || e.Kind.Contains(text, StringComparison.OrdinalIgnoreCase)));
        shown = [.. matches.Reverse()];
    }

    private void SetNode(string value)
    {
        nodeFilter = value ?? AllValue;
        Refilter();
    }

    private void SetKind(string value)
    {
        kindFilter = value ?? AllValue;
        Refilter();
    }

    private void SetSearch(string value)
    {
        search = value ?? "";
        Refilter();
    }

    private void SetFollow(bool value)
    {
        follow = value;
        frozen = value ? [] : Events;
        Refilter();
    }

    private static string AllNodes(string value) => string.IsNullOrEmpty(value) ? "All nodes" : value;

    private static string AllKinds(string value) => string.IsNullOrEmpty(value) ? "All kinds" : value;

    private Task ExportJsonLinesAsync() =>
        DownloadAsync($"{FileName}.jsonl", "application/x-ndjson", EventExport.ToJsonLines(shown.Reverse()));

    private Task ExportCsvAsync() => DownloadAsync($"{FileName}.csv", "text/csv", EventExport.ToCsv(shown.Reverse()));

    private async Task DownloadAsync(string name, string mime, string text) =>
        error = await SafeRun.TryAsync(() => JS.InvokeVoidAsync("patternDashboard.downloadFile", name, mime, text).AsTask());
}
