using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Simulation.Kernel.Sequence;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared.Sequence;

/// <summary>
/// The message-sequence (Lamport) diagram of a window of the run, live or past: a lane per node, an arrow per message,
/// crashes and partitions on the lanes, faults beside the time axis. Drawn on demand (each window is a replay on the
/// server), filtered by kind and node, panned and zoomed, exported as SVG.
/// </summary>
public partial class SequenceDiagramPanel
{
    /// <summary>Arrows the page asks for at most: enough to read, few enough for the browser to stay quick.</summary>
    public const int PageArrows = 600;

    private static readonly int[] LastWindows = [10, 30, 60];

    private readonly HashSet<string> hiddenKinds = new(StringComparer.Ordinal);
    private SequenceDiagram? diagram;
    private SequenceLayout? layout;
    private SequenceArrow? focused;
    private string node = "";
    private double? typedFrom;
    private double? typedTo;
    private bool loading;
    private string? error;

    [Inject] public required IJSRuntime JS { get; init; }

    [Parameter, EditorRequired] public required ISimulationSession Session { get; set; }

    /// <summary>The state on screen, for "now". Default: the session's current state.</summary>
    [Parameter] public SessionState? State { get; set; }

    /// <summary>Whether the panel is on screen: each drawing replays the run on the server, so nothing is drawn before. Default: true.</summary>
    [Parameter] public bool Shown { get; set; } = true;

    private bool drawnOnce;

    private double Now => (State ?? Session.Current).Snapshot.SimulatedTime;

    protected override Task OnParametersSetAsync()
    {
        if (!Shown || drawnOnce)
        {
            return Task.CompletedTask;
        }
        drawnOnce = true;
        return LastAsync(10);
    }

    private Task LastAsync(int seconds) => DrawAsync(Math.Max(0, Now - seconds), Math.Max(Now, 0.001));

    private Task PanAsync(double windows)
    {
        var d = diagram!;
        double length = d.To - d.From, from = Math.Max(0, d.From + windows * length);
        return DrawAsync(from, from + length);
    }

    private Task ZoomAsync(double factor)
    {
        var d = diagram!;
        double middle = (d.From + d.To) / 2;
        double half = Math.Clamp((d.To - d.From) * factor, 0.01, SequenceLimits.MaxWindowSeconds) / 2;
        double from = Math.Max(0, middle - half);
        return DrawAsync(from, from + 2 * half);
    }

    private Task DrawTypedAsync() => typedFrom is { } from && typedTo is { } to
        ? DrawAsync(from, to)
        : Fail("Type the window's start and end in simulated seconds.");

    private Task SetNodeAsync(ChangeEventArgs e)
    {
        node = e.Value?.ToString() ?? "";
        return RedrawAsync();
    }

    private Task ToggleKindAsync(string kind, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            hiddenKinds.Remove(kind);
        }
        else
        {
            hiddenKinds.Add(kind);
        }
        return RedrawAsync();
    }

    private Task RedrawAsync() => diagram is { } d ? DrawAsync(d.From, d.To) : Task.CompletedTask;

    private async Task DrawAsync(double from, double to)
    {
        loading = true;
        error = null;
        var filter = new SequenceFilter(
            hiddenKinds.Count == 0 || diagram is null ? null : [.. diagram.Kinds.Where(k => !hiddenKinds.Contains(k))],
            node.Length == 0 ? null : [node],
            PageArrows);
        try
        {
            var drawn = await Session.GetSequenceDiagramAsync(from, to, filter);
            diagram = drawn;
            layout = new SequenceLayout(drawn);
            focused = null;
            (typedFrom, typedTo) = (Math.Round(drawn.From, 3), Math.Round(drawn.To, 3));
        }
        catch (Exception e) when (e is PatternDashboard.Simulation.Kernel.SimulationInputException or SessionLimitException)
        {
            error = e.Message;
        }
        finally
        {
            loading = false;
        }
    }

    private Task Fail(string message)
    {
        error = message;
        return Task.CompletedTask;
    }

    private async Task ExportAsync()
    {
        if (layout is not { } l)
        {
            return;
        }
        string name = $"{Session.Pattern.Id}-messages-{l.Diagram.From:0.###}-{l.Diagram.To:0.###}s.svg";
        string title = $"{Session.Pattern.Title}: messages from {UiFormat.Seconds(l.Diagram.From)} to {UiFormat.Seconds(l.Diagram.To)}";
        error = await SafeRun.TryAsync(() => JS.InvokeVoidAsync("patternDashboard.downloadFile", name, "image/svg+xml", SequenceSvgExport.Render(l, title)).AsTask());
    }

    private static string ArrowClass(SequenceArrow arrow) =>
        "arrow" + (arrow.Duplicate ? " duplicate" : "") + (arrow.Fate == SequenceArrow.InFlight ? " in-flight" : "") + (SequenceLayout.EndsInCross(arrow) ? " lost" : "");

    private static string Summary(SequenceDiagram d) => d.Thinned
        ? $"Showing {d.Arrows.Count:N0} of {d.Matching:N0} messages from {UiFormat.Seconds(d.From)} to {UiFormat.Seconds(d.To)}, thinned evenly; narrow the window or filter to see every one."
        : $"{d.Arrows.Count:N0} {(d.Arrows.Count == 1 ? "message" : "messages")} from {UiFormat.Seconds(d.From)} to {UiFormat.Seconds(d.To)}.";

    private static string Counts(SequenceCounts c) =>
        $"In this window the network sent {c.Sent:N0}, delivered {c.Delivered:N0}, lost {c.Lost:N0}, blocked {c.Blocked:N0}, " +
        $"duplicated {c.Duplicated:N0} and dropped {c.ToDownNode:N0} to down nodes.";
}
