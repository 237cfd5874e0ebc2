using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.LoadTool;

/// <summary>
/// One measured run: a shared session, its viewers and pages, then (optionally) private sandboxes. Heap figures
/// are taken after full collections, between phases, so the collections never fall inside the timed window.
/// </summary>
internal sealed class LoadRun(LoadToolOptions options, TextWriter progress)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var app = AppUnderTest.Start(options);
        progress.WriteLine($"App: {app.BaseAddress} ({(app.InProcess ? "started in this process" : "already running")})");
        await using var owner = await app.ConnectAsync(cancellationToken);
        var (roomCode, sessionId) = await CreateRoomAsync(owner, cancellationToken);
        progress.WriteLine($"Room {roomCode}, session {sessionId} ({options.PatternId}, seed {options.Seed}) playing at 1x");
        string? target = options.InstructorActions ? await InstructorActions.PickTargetAsync(owner, sessionId, cancellationToken) : null;
        await using var actions = new InstructorActions(owner, sessionId);

        await using var probe = new PublishProbe(app, sessionId);
        await probe.StartAsync(cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        long? heapBefore = ManagedHeapAfterFullCollection(app);

        await using var viewers = new HubViewers(app, sessionId, roomCode, actions);
        progress.WriteLine($"Opening {options.Viewers} hub viewers (each joins room {roomCode})...");
        await viewers.OpenAsync(options.Viewers, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        long? heapWithViewers = ManagedHeapAfterFullCollection(app);

        await using var browsers = new BrowserViewers();
        long? heapWithPages = heapWithViewers;
        long? heapWithFirstPage = heapWithViewers;
        if (options.Pages > 0)
        {
            // The first page costs the server one-time work (its prerender, the framework files it serves, caches);
            // the per-page figure is the slope over the pages after it, when there are any.
            progress.WriteLine("Opening a first browser page...");
            await browsers.OpenAsync(app.BaseAddress, options.PatternId, roomCode, 1, options.ChromiumPath);
            await Task.Delay(Settle, cancellationToken);
            heapWithFirstPage = heapWithPages = ManagedHeapAfterFullCollection(app);
            if (options.Pages > 1)
            {
                var (lohBefore, pohBefore) = LargeAndPinnedHeaps();
                progress.WriteLine($"Opening {options.Pages - 1} more browser pages...");
                await browsers.OpenAsync(app.BaseAddress, options.PatternId, roomCode, options.Pages - 1, options.ChromiumPath);
                await Task.Delay(Settle, cancellationToken);
                heapWithPages = ManagedHeapAfterFullCollection(app);
                var (lohAfter, pohAfter) = LargeAndPinnedHeaps();
                progress.WriteLine($"Per page after the first: large-object heap {(lohAfter - lohBefore) / 1024.0 / (options.Pages - 1):0.0} KB, " +
                    $"pinned-object heap {(pohAfter - pohBefore) / 1024.0 / (options.Pages - 1):0.0} KB (of the heap per page)");
            }
            progress.WriteLine($"{browsers.Count} pages show the session; the first cost {((heapWithFirstPage - heapWithViewers) ?? 0) / 1024.0:0.0} KB of heap");
            await browsers.ResetAsync();
        }

        // The full collection just taken stalls the pacer too; let that pass before the clock comparison starts.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        progress.WriteLine($"Measuring for {options.Duration.TotalSeconds:0} s...");
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var browserCpuStart = browsers.Count > 0 ? ChildProcessCpu.Descendants() : null;
        long wireStart = WireCounter.Sent;
        var wall = Stopwatch.StartNew();
        viewers.Measuring = true;
        probe.Measuring = true;
        browsers.Measuring = true;
        if (target is not null)
        {
            progress.WriteLine($"Instructor crashes and restarts {target} every {InstructorActions.Interval.TotalSeconds:0} s");
            actions.Start(target);
        }
        else
        {
            progress.WriteLine("Instructor actions: off (--no-actions, or the pattern has no crash and restart faults)");
        }
        await Task.Delay(options.Duration, cancellationToken);
        await actions.DisposeAsync();
        viewers.Measuring = false;
        probe.Measuring = false;
        browsers.Measuring = false;
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStart;
        var browserCpu = ChildProcessCpu.Descendants() - browserCpuStart;
        long wire = WireCounter.Sent - wireStart;

        var pageDelays = new LatencyHistogram();
        int unmatched = 0;
        if (browsers.Count > 0)
        {
            foreach (var (seenAt, text) in await browsers.CollectAsync())
            {
                if (probe.PublishedAt(text) is { } publishedAt)
                {
                    pageDelays.Record(seenAt - publishedAt);
                }
                else
                {
                    unmatched++;
                }
            }
        }

        double? heapPerPage = browsers.Count > 1
            ? PerItem(heapWithFirstPage, heapWithPages, browsers.Count - 1)
            : PerItem(heapWithViewers, heapWithPages, browsers.Count);
        double? heapReleasedPerPage = browsers.Count > 1 ? await MeasurePagesLeavingAsync(app, browsers, cancellationToken) : null;
        var sandbox = options.Sandboxes > 0 ? await MeasureSandboxesAsync(app, cancellationToken) : null;
        return new LoadResult(
            options,
            app.InProcess,
            wall.Elapsed,
            app.InProcess ? cpu : null,
            viewers.Delays,
            viewers.Received,
            viewers.ActionDelays,
            actions.Sent,
            actions.Refused,
            pageDelays,
            unmatched,
            probe.Bytes,
            browsers.FrameBytes,
            probe.PacingDrift,
            probe.PublishGaps,
            PerItem(heapBefore, heapWithViewers, viewers.Count),
            heapPerPage,
            heapBefore,
            sandbox)
        {
            // The probe streams too; the instructor's connection only sends its actions.
            WireBytes = app.InProcess ? wire : null,
            StreamingConnections = viewers.Count + browsers.Count + 1,
            BrowserCpu = browserCpu,
            HeapReleasedPerPage = heapReleasedPerPage,
        };
    }

    /// <summary>
    /// What the server frees when every page but the first closes, per page. The slope taken while pages open also
    /// holds what the pools and caches grew to while the pages loaded, and the heap drifts down by hundreds of KB a
    /// minute as those are trimmed; a few seconds around the closing see neither, so this reads the page's own state.
    /// </summary>
    private static async Task<double?> MeasurePagesLeavingAsync(AppUnderTest app, BrowserViewers browsers, CancellationToken cancellationToken)
    {
        int leaving = browsers.Count - 1;
        long? withPages = ManagedHeapAfterFullCollection(app);
        await browsers.CloseAllButFirstAsync();
        await Task.Delay(Settle, cancellationToken);
        return PerItem(ManagedHeapAfterFullCollection(app), withPages, leaving);
    }

    /// <summary>The shared room a class follows; the tool's own connection is its instructor and starts it playing.</summary>
    private async Task<(string RoomCode, string SessionId)> CreateRoomAsync(HubConnection owner, CancellationToken cancellationToken)
    {
        var created = await owner.InvokeAsync<RoomCreatedInfo>("CreateRoom", options.PatternId, new { seed = options.Seed }, cancellationToken);
        await owner.InvokeAsync<object>("Control", created.SessionId, new { action = "play" }, cancellationToken);
        return (created.RoomCode, created.SessionId);
    }

    /// <summary>What one private sandbox (its own session and one viewer on its own connection) adds to the heap.</summary>
    private async Task<double?> MeasureSandboxesAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        progress.WriteLine($"Opening {options.Sandboxes} private sandboxes...");
        long? before = ManagedHeapAfterFullCollection(app);
        var sandboxes = new List<(HubConnection Owner, HubViewers Viewer)>();
        try
        {
            for (int i = 0; i < options.Sandboxes; i++)
            {
                var owner = await app.ConnectAsync(cancellationToken);
                var created = await owner.InvokeAsync<SessionCreated>("CreateSession", options.PatternId, new { seed = options.Seed + i + 1 }, cancellationToken);
                await owner.InvokeAsync<object>("Control", created.SessionId, new { action = "play" }, cancellationToken);
                var viewer = new HubViewers(app, created.SessionId);
                sandboxes.Add((owner, viewer));
                await viewer.OpenAsync(1, cancellationToken);
            }
            await Task.Delay(Settle, cancellationToken);
            return PerItem(before, ManagedHeapAfterFullCollection(app), options.Sandboxes);
        }
        finally
        {
            foreach (var (owner, viewer) in sandboxes)
            {
                await viewer.DisposeAsync();
                await owner.DisposeAsync();
            }
        }
    }

    private static double? PerItem(long? before, long? after, int count) =>
        before is { } b && after is { } a && count > 0 ? (double)(a - b) / count : null;

    /// <summary>
    /// Large-object and pinned-object heap sizes after the last full collection: arrays over 85 KB (render and
    /// message buffers) land in the first, the server's pooled socket buffers in the second.
    /// </summary>
    private static (long Loh, long Poh) LargeAndPinnedHeaps()
    {
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return (info.GenerationInfo[3].SizeAfterBytes, info.GenerationInfo[4].SizeAfterBytes);
    }

    /// <summary>The managed heap of this process after a full, compacting collection; only meaningful for the in-process app.</summary>
    internal static long? ManagedHeapAfterFullCollection(AppUnderTest app)
    {
        if (!app.InProcess)
        {
            return null;
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
