using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.LoadTool;

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
