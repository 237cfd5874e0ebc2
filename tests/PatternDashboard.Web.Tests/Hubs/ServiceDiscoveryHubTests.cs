using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Service Discovery pattern, the way a script would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ServiceDiscoveryHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task KillAnInstance_ItLingersUntilItsLeaseRunsOut_ThenEveryCacheDropsIt()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });
        await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 10.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.Kill, target = InstanceId(1) });

        var lingering = (await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 2.0)).GetProperty("details");
        Assert.Equal(1, lingering.GetProperty("deadRegistered").GetInt32());
        Assert.True(lingering.GetProperty("calls").GetProperty("failedToDead").GetInt64() > 0);

        var after = (await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 15.0)).GetProperty("details");
        Assert.Equal(2, after.GetProperty("registered").GetInt32());
        Assert.All(after.GetProperty("caches").EnumerateArray(),
            cache => Assert.DoesNotContain(InstanceId(1), cache.GetProperty("instances").EnumerateArray().Select(i => i.GetString())));
        var info = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.True(info.Invariants.Single(i => i.Id == "dead-instance-leaves").Holds);
    }

    [Fact]
    public async Task ServerSide_ThenNoLeaseExpiry_DeadInstanceBreaksTheInvariant()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 4 });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.ServerSide });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.NoLeaseExpiry });
        await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 5.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.Kill, target = InstanceId(2) });

        var snapshot = await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 15.0);

        Assert.Equal("server-side", snapshot.GetProperty("details").GetProperty("mode").GetString());
        var info = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.True(info.Invariants.Single(i => i.Id == "dead-instance-leaves").Violations > 0);
    }
}
