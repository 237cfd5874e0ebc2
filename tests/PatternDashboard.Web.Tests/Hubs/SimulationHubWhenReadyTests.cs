using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Snapshots paced by the viewer: sent only when asked for, always the newest.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SimulationHubWhenReadyTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private Task<SessionCreated> CreatePing() => hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed = 7 });

    private Task<SnapshotInfo> Snapshot(string sessionId) => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);

    [Fact]
    public async Task StreamSnapshotsWhenReady_SendsTheNewestSnapshotOnlyWhenAsked_AndEndsWithTheAsks()
    {
        var created = await CreatePing();
        await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "play" });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var asks = Channel.CreateUnbounded<int>();
        await using var snapshots = hub.StreamAsync<SnapshotInfo>("StreamSnapshotsWhenReady", created.SessionId, asks.Reader.ReadAllAsync(stop.Token), stop.Token)
            .GetAsyncEnumerator(stop.Token);

        Assert.True(await snapshots.MoveNextAsync());
        var first = snapshots.Current;
        // The run goes on publishing, but nothing more comes until the viewer asks.
        var second = snapshots.MoveNextAsync().AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.False(second.IsCompleted, "a snapshot came before the viewer asked for one");
        var beforeAsking = await Snapshot(created.SessionId);
        await asks.Writer.WriteAsync(1);

        Assert.True(await second);
        // The newest state, not the one published right after the first: those in between are skipped, never sent.
        Assert.True(snapshots.Current.SimulatedTime >= beforeAsking.SimulatedTime,
            $"got t = {snapshots.Current.SimulatedTime} s, but t = {beforeAsking.SimulatedTime} s was already published when it was asked for");
        Assert.True(snapshots.Current.SimulatedTime > first.SimulatedTime + 0.3);
        asks.Writer.Complete();
        Assert.False(await snapshots.MoveNextAsync());
    }
}
