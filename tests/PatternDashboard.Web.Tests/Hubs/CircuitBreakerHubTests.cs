using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Circuit Breaker pattern, the way a script would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CircuitBreakerHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<JsonElement> BreakerAfter(string sessionId, string serviceId, double seconds)
    {
        var snapshot = await hub.InvokeAsync<JsonElement>("RunFor", sessionId, seconds);
        return snapshot.GetProperty("details").GetProperty("breakers").EnumerateArray()
            .Single(b => b.GetProperty("serviceId").GetString() == serviceId);
    }

    [Fact]
    public async Task ListFaults_ServiceFaultsOfferTheServicesButNotTheCaller()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });

        var faults = await hub.InvokeAsync<JsonElement>("ListFaults", created.SessionId);

        var errors = faults.EnumerateArray().Single(f => f.GetProperty("id").GetString() == Fault.ErrorRate);
        Assert.Equal([ServiceA, ServiceB], errors.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task ErrorRate100_BreakerOpens_ClearAndItCloses()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });
        await BreakerAfter(created.SessionId, ServiceA, 2);

        var fault = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.ErrorRate, target = ServiceA, value = 100 });
        var open = await BreakerAfter(created.SessionId, ServiceA, 4);
        await hub.InvokeAsync("ClearFault", created.SessionId, fault.ActiveFaultId);
        var closed = await BreakerAfter(created.SessionId, ServiceA, 8);

        Assert.Equal("Open", open.GetProperty("state").GetString());
        Assert.True(open.GetProperty("perSecond").GetProperty("fallback").GetDouble() > 0);
        Assert.Equal("Closed", closed.GetProperty("state").GetString());
        var snapshot = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.All(snapshot.Invariants, i => Assert.True(i.Holds, $"{i.Id}: {i.LastViolation}"));
    }

    [Fact]
    public async Task SetFailureRatioZero_RefusedWithPollysRange()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.SetFailureRatio, target = ServiceA, value = 0 }));

        Assert.Contains("greater than 0 and at most 1", error.Message);
    }

    [Fact]
    public async Task ListFaults_OffersServiceFaultsSettingsAndTheBreakItSwitch()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });

        var faults = await hub.InvokeAsync<JsonElement>("ListFaults", created.SessionId);

        var ids = faults.EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains(Fault.ErrorRate, ids);
        Assert.Contains(Fault.SetBreakDuration, ids);
        Assert.Contains(Fault.RemoveBreakers, ids);
    }

    [Fact]
    public async Task RemoveBreakers_SlowServiceA_HealthyServiceMonitorTurnsRed()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 4 });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.RemoveBreakers });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.Latency, target = ServiceA });

        var snapshot = await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 30.0);

        var healthy = snapshot.Invariants.Single(i => i.Id == "healthy-keeps-serving");
        Assert.True(healthy.Violations > 0);
    }
}
