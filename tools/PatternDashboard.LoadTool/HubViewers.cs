using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.LoadTool;

/// <summary>
/// Hub connections that stream one session. Each records how late every update arrives (its receive time minus
/// the server's publish stamp); the first update of a stream is the state at subscribe time, so it is not counted.
/// Given a room code, each viewer joins the room first, as a student's script would. Given the instructor's
/// actions, each viewer also times when its stream first shows each one.
/// </summary>
internal sealed class HubViewers(AppUnderTest app, string sessionId, string? roomCode = null, InstructorActions? actions = null) : IAsyncDisposable
{
    private readonly List<HubConnection> connections = [];
    private readonly List<Task> streams = [];
    private readonly CancellationTokenSource stop = new();
    private volatile bool measuring;
    private long received;

    public LatencyHistogram Delays { get; } = new();

    /// <summary>Instructor action sent → first update showing it, per viewer and action, while measuring.</summary>
    public LatencyHistogram ActionDelays { get; } = new();

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
        var watch = new ActionWatch();
        try
        {
            if (roomCode is not null)
            {
                await connection.InvokeAsync<RoomJoined>("JoinRoom", roomCode, stop.Token);
            }
            await foreach (var item in connection.StreamAsync<JsonElement>("StreamSnapshots", sessionId, stop.Token))
            {
                long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                long publishedAt = item.GetProperty("publishedAtMs").GetInt64();
                if (!first && measuring)
                {
                    Delays.Record(now - publishedAt);
                    Interlocked.Increment(ref received);
                    if (actions?.Current is { } action && watch.Observe(action, TargetUp(item, action.Target), publishedAt, now) is { } delay)
                    {
                        ActionDelays.Record(delay);
                    }
                }
                first = false;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool? TargetUp(JsonElement snapshot, string target)
    {
        foreach (var node in snapshot.GetProperty("nodes").EnumerateArray())
        {
            if (node.GetProperty("id").GetString() == target)
            {
                return node.GetProperty("up").GetBoolean();
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await Task.WhenAll(streams).ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }
}
