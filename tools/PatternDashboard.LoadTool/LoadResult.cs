using System.Globalization;

namespace PatternDashboard.LoadTool;

/// <summary>The figures of one run, and how they read on the console.</summary>
internal sealed record LoadResult(
    LoadToolOptions Options,
    bool InProcess,
    TimeSpan Measured,
    TimeSpan? Cpu,
    LatencyHistogram HubDelays,
    long HubUpdates,
    LatencyHistogram ActionDelays,
    int ActionsSent,
    int ActionsRefused,
    LatencyHistogram PageDelays,
    int PageUnmatched,
    LatencyHistogram UpdateBytes,
    LatencyHistogram RenderFrameBytes,
    LatencyHistogram PacingDrift,
    LatencyHistogram PublishGaps,
    double? HeapPerHubViewer,
    double? HeapPerPage,
    long? HeapBaseline,
    double? HeapPerSandbox)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Bytes the in-process server wrote to its sockets while measuring; null for a running app.</summary>
    public long? WireBytes { get; init; }

    /// <summary>Connections streaming the session while measuring: hub viewers, pages and the tool's probe.</summary>
    public int StreamingConnections { get; init; } = 1;

    /// <summary>Heap the server freed per page when all pages but the first closed; null with one page or a running app.</summary>
    public double? HeapReleasedPerPage { get; init; }

    /// <summary>CPU the browsers used while measuring (every page's rendering); null without pages or /proc.</summary>
    public TimeSpan? BrowserCpu { get; init; }

    public string Format()
    {
        var lines = new List<string>
        {
            $"Viewers {Options.Viewers} hub, {Options.Pages} pages; measured {Measured.TotalSeconds:0.0} s; " +
                $"{(InProcess ? $"in-process app at {Options.UpdatesPerSecond} updates/s" : $"app at {Options.Url}")}",
            $"Hub update delay (ms):   {Percentiles(HubDelays)}  ({HubUpdates} updates, " +
                $"{Rate(HubUpdates, Options.Viewers)} per viewer per second)",
        };
        if (ActionsSent > 0)
        {
            lines.Add($"Instructor action seen (ms): {Percentiles(ActionDelays)}  ({ActionsSent} crash/restart actions, " +
                $"{ActionsRefused} refused; {ActionDelays.Count} sightings = actions x viewers who saw them)");
        }
        if (Options.Pages > 0)
        {
            lines.Add($"Page DOM delay (ms):     {Percentiles(PageDelays)}  ({PageDelays.Count} clock changes, {PageUnmatched} unmatched)");
            lines.Add($"Bytes per circuit frame: {Percentiles(RenderFrameBytes)}  (one page's Blazor frames, before compression)");
            if (BrowserCpu is { } browserCpu)
            {
                double cores = browserCpu.TotalSeconds / Measured.TotalSeconds;
                lines.Add($"CPU of the browsers:     {cores:0.00} cores in all, {cores / Options.Pages:0.000} per page (Chromium, every process it runs)");
            }
        }
        lines.Add($"Bytes per hub update:    {Percentiles(UpdateBytes)}  (as serialized, before compression)");
        if (WireBytes is { } wire)
        {
            double perSecond = wire / Measured.TotalSeconds;
            lines.Add($"Sent on the wire:        {Kb(perSecond)}/s in all, {Kb(perSecond / StreamingConnections)}/s per streaming connection " +
                $"({StreamingConnections}: viewers, pages and the probe; after WebSocket compression)");
        }
        lines.Add($"Pacing drift at 1x (ms): {Percentiles(PacingDrift)}  (simulated vs wall time elapsed since the first measured update)");
        lines.Add($"Gap between publishes:   {Percentiles(PublishGaps)}  (ms; far above 1000/rate means the pacer stalled)");
        lines.Add(Cpu is { } cpu
            ? $"CPU of this process:     {cpu.TotalSeconds / Measured.TotalSeconds:0.00} cores (server and the tool's own hub clients; browsers excluded)"
            : "CPU of the server:       n/a (a running app is not this process)");
        if (InProcess)
        {
            lines.Add($"Managed heap baseline:   {Kb(HeapBaseline)} (one shared session and its probe viewer, after a full collection)");
            lines.Add($"Heap per hub viewer:     {Kb(HeapPerHubViewer)} (slope 0 -> {Options.Viewers}; includes the tool's client side of each connection)");
            if (Options.Pages > 0)
            {
                lines.Add($"Heap per browser page:   {Kb(HeapPerPage)} ({(Options.Pages > 1 ? $"slope over the {Options.Pages - 1} pages after the first" : "the one page, with its one-time costs")})");
                if (HeapReleasedPerPage is { } released)
                {
                    lines.Add($"Heap freed per page:     {Kb(released)} (when the {Options.Pages - 1} pages after the first close; pools and caches left out)");
                }
            }
            if (Options.Sandboxes > 0)
            {
                lines.Add($"Heap per private sandbox with its viewer: {Kb(HeapPerSandbox)} (over {Options.Sandboxes})");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }

    private string Rate(long updates, int viewers) =>
        viewers == 0 ? "-" : (updates / (double)viewers / Measured.TotalSeconds).ToString("0.0", Invariant);

    private static string Percentiles(LatencyHistogram h) => h.Count == 0
        ? "no samples"
        : $"p50 {h.Percentile(50)}  p90 {h.Percentile(90)}  p99 {h.Percentile(99)}  max {h.Max}";

    private static string Kb(double? bytes) => bytes is { } b ? (b / 1024).ToString("0.0", Invariant) + " KB" : "n/a";

    private static string Kb(long? bytes) => Kb((double?)bytes);
}
