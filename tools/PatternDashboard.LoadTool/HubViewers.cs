using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.LoadTool;

/// <summary>
/// Hub connections that stream one session. Each records how late every update arrives (its receive time minus
/// the server's publish stamp); the first update of a stream is the state at subscribe time, so it is not counted.
/// </summary>
internal sealed class HubViewers(AppUnderTest app, string sessionId) : IAsyncDisposable
{
    private readonly List<HubConnection> connections = [];
    private readonly List<Task> streams = [];
    private readonly CancellationTokenSource stop = new();
    private volatile bool measuring;
    private long received;

    public LatencyHistogram Delays { get; } = new();

    public int Count => connections.Count;

    /// <summary>Updates received while measuring, over every viewer.</summary>
    public long Received => Interlocked.Read(ref received);

    public bool Measuring
    {
        get => measuring;
        set => measuring = value;
    }

    /// <summary>Opens <paramref name="count"/> more viewers, a few at a time so the handshakes do not pile up.</summary>
    public async Task OpenAsync(int count, CancellationToken cancellationToken)
    {
        const int Batch = 20;
        for (int opened = 0; opened < count; opened += Batch)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(Batch, count - opened)).Select(_ => app.ConnectAsync(cancellationToken)));
            foreach (var connection in batch)
            {
                connections.Add(connection);
                streams.Add(WatchAsync(connection));
            }
        }
    }

    private async Task WatchAsync(HubConnection connection)
    {
        bool first = true;
        try
        {
            await foreach (var item in connection.StreamAsync<JsonElement>("StreamSnapshots", sessionId, stop.Token))
            {
                long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                if (!first && measuring)
                {
                    Delays.Record(now - item.GetProperty("publishedAtMs").GetInt64());
                    Interlocked.Increment(ref received);
                }
                first = false;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await Task.WhenAll(streams).ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }
}

/// <summary>
/// One extra viewer that keeps every update's details: the publish time of each on-screen clock text (to time
/// the browser pages), the wire size, and how far simulated time drifts from the wall clock at 1x.
/// </summary>
internal sealed class PublishProbe(AppUnderTest app, string sessionId) : IAsyncDisposable
{
    /// <summary>Bounds the clock-text map: a 600 s run at 20 updates per second fits.</summary>
    private const int MaxTracked = 20_000;

    private readonly Dictionary<string, long> publishedAtByClockText = [];
    private readonly CancellationTokenSource stop = new();
    private HubConnection? connection;
    private Task? stream;
    private volatile bool measuring;
    private (double Sim, long Wall)? reference;
    private long? lastPublishedAt;

    public LatencyHistogram Bytes { get; } = new(1_000_000);

    /// <summary>Wall time between consecutive publishes, in ms: a gap far above the publish interval is a stalled pacer.</summary>
    public LatencyHistogram PublishGaps { get; } = new();

    /// <summary>|simulated − wall| elapsed since the start of measuring, in ms, per update while running at 1x.</summary>
    public LatencyHistogram PacingDrift { get; } = new();

    public bool Measuring
    {
        get => measuring;
        set
        {
            lock (publishedAtByClockText)
            {
                reference = null;
                lastPublishedAt = null;
            }
            measuring = value;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        connection = await app.ConnectAsync(cancellationToken);
        stream = WatchAsync(connection);
    }

    /// <summary>When the server published the state whose clock reads <paramref name="clockText"/> on the page.</summary>
    public long? PublishedAt(string clockText)
    {
        lock (publishedAtByClockText)
        {
            return publishedAtByClockText.TryGetValue(clockText, out long at) ? at : null;
        }
    }

    private async Task WatchAsync(HubConnection hub)
    {
        try
        {
            await foreach (var item in hub.StreamAsync<JsonElement>("StreamSnapshots", sessionId, stop.Token))
            {
                double sim = item.GetProperty("simulatedTime").GetDouble();
                long publishedAt = item.GetProperty("publishedAtMs").GetInt64();
                bool pacedAtOneX = item.GetProperty("status").GetString() == "running" && item.GetProperty("speed").GetDouble() == 1;
                lock (publishedAtByClockText)
                {
                    if (publishedAtByClockText.Count < MaxTracked)
                    {
                        publishedAtByClockText.TryAdd("t = " + UiFormat.Seconds(sim), publishedAt);
                    }
                    if (!measuring)
                    {
                        continue;
                    }
                    Bytes.Record(System.Text.Encoding.UTF8.GetByteCount(item.GetRawText()));
                    if (lastPublishedAt is { } previous)
                    {
                        PublishGaps.Record(publishedAt - previous);
                    }
                    lastPublishedAt = publishedAt;
                    if (pacedAtOneX)
                    {
                        reference ??= (sim, publishedAt);
                        double driftMs = (sim - reference.Value.Sim) * 1000 - (publishedAt - reference.Value.Wall);
                        PacingDrift.Record((long)Math.Round(Math.Abs(driftMs)));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
        if (stream is not null)
        {
            await stream.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        stop.Dispose();
    }
}
