using PatternDashboard.Simulation.Kernel;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Pub/Sub pattern, the way a script would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PubSubHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<JsonElement> DetailsAfter(string sessionId, double seconds) =>
        (await hub.InvokeAsync<JsonElement>("RunFor", sessionId, seconds)).GetProperty("details");

    private static JsonElement SubscriptionOf(JsonElement details, string name) =>
        details.GetProperty("subscriptions").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    [Fact]
    public async Task ListFaults_SlowingOffersOnlyConsumers_CrashingOffersEveryNode()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PubSubPattern.Id, new { seed = 3 });
        var nodes = (await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId)).Nodes.Select(n => n.Id).ToList();

        var faults = (await hub.InvokeAsync<JsonElement>("ListFaults", created.SessionId)).EnumerateArray()
            .Where(f => f.GetProperty("targets").ValueKind == JsonValueKind.Array)
            .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList());

        Assert.Equal(nodes, faults[LifecycleFaults.Crash]);
        Assert.NotEmpty(faults[MessagingCluster.BrokerFault.Slow]);
        Assert.DoesNotContain("broker", faults[MessagingCluster.BrokerFault.Slow]);
        Assert.DoesNotContain(faults[MessagingCluster.BrokerFault.Slow], id => id.StartsWith("pub-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrashConsumers_BacklogGrows_RestartThenItDrainsToZero()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PubSubPattern.Id, new { seed = 3, options = new Dictionary<string, double> { ["consumersPerSubscription"] = 1 } });
        await DetailsAfter(created.SessionId, 2);

        var crash = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = LifecycleFaults.Crash, target = "billing-1" });
        int backlog = SubscriptionOf(await DetailsAfter(created.SessionId, 8), "billing").GetProperty("depth").GetInt32();
        await hub.InvokeAsync("ClearFault", created.SessionId, crash.ActiveFaultId);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = PubSubPattern.Fault.PublishRate, value = 0 });
        var drained = await DetailsAfter(created.SessionId, 20);

        Assert.True(backlog > 60, $"Backlog only {backlog} after 8 s without a consumer.");
        Assert.Equal(0, SubscriptionOf(drained, "billing").GetProperty("depth").GetInt32());
        Assert.Equal(drained.GetProperty("published").GetInt64(), SubscriptionOf(drained, "billing").GetProperty("uniqueEffects").GetInt64());
        var snapshot = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.All(snapshot.Invariants, i => Assert.True(i.Holds, $"{i.Id}: {i.LastViolation}"));
    }

    [Fact]
    public async Task PersistenceOff_BrokerCrash_LostCountedAndInvariantRed()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PubSubPattern.Id, new { seed = 9 });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = MessagingCluster.BrokerFault.PersistenceOff });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = MessagingCluster.BrokerFault.Slow, target = "billing-1", value = 50 });
        await DetailsAfter(created.SessionId, 5);

        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = LifecycleFaults.Crash, target = BrokerNode.BrokerId });
        var details = await DetailsAfter(created.SessionId, 1);

        Assert.True(details.GetProperty("lost").GetInt64() > 0);
        Assert.False(details.GetProperty("persistent").GetBoolean());
        var snapshot = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.False(snapshot.Invariants.Single(i => i.Id == AcknowledgedPublishMonitor.MonitorId).Holds);
    }

    [Fact]
    public async Task AddConsumer_ToMissingSubscription_RefusedWithTheChoices()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PubSubPattern.Id, new { seed = 1 });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = PubSubPattern.Fault.AddConsumer, value = 3 }));

        Assert.Contains("1 = billing, 2 = analytics", error.Message);
    }

    [Fact]
    public async Task ExportThenImport_RuntimeActionsReplayToTheSameCounters()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PubSubPattern.Id, new { seed = 12 });
        await DetailsAfter(created.SessionId, 1);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = PubSubPattern.Fault.AddSubscription });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = PubSubPattern.Fault.Poison });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = PubSubPattern.Fault.PublishRate, value = 40 });
        var original = await DetailsAfter(created.SessionId, 4);

        var recording = await hub.InvokeAsync<JsonElement>("ExportRecording", created.SessionId);
        var imported = await hub.InvokeAsync<SessionImported>("ImportRecording", recording);
        var replayed = await DetailsAfter(imported.SessionId, 4);

        Assert.Equal(original.GetRawText(), replayed.GetRawText());
        Assert.Equal(3, replayed.GetProperty("subscriptions").GetArrayLength());
    }
}
