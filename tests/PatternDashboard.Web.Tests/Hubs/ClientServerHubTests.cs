using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Client-Server pattern, the way a script measuring a load level would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ClientServerHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task SetLoadThenResetStatistics_DetailsReportTheLoadLevelBesideTheory()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3, options = new Dictionary<string, double> { [Option.TimeoutMs] = 600_000 } });

        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.SetLoad, value = 8 });
        await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 30);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.ResetStatistics });
        var details = (await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 60)).GetProperty("details");

        Assert.Equal(0.8, details.GetProperty("offeredUtilization").GetDouble(), 6);
        Assert.Equal(30, details.GetProperty("statsSince").GetDouble(), 0);
        Assert.Equal("M/M/1", details.GetProperty("theory").GetProperty("model").GetString());
        Assert.Equal(500, details.GetProperty("theory").GetProperty("meanMs").GetDouble(), 1);
        Assert.InRange(details.GetProperty("utilization").GetDouble(), 0.6, 0.95);
        Assert.True(details.GetProperty("latency").GetProperty("count").GetInt64() > 300);
        // Served since the reset differs from accepted since by what the queue held at either end.
        long accepted = details.GetProperty("counts").GetProperty("accepted").GetInt64();
        Assert.InRange(accepted - details.GetProperty("latency").GetProperty("count").GetInt64(), -100, 100);
    }

    [Fact]
    public async Task SlowServer_AimedAtAClient_RefusedNamingTheServers()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.SlowServer, target = ClientId(1), value = 3 }));

        Assert.Contains(ServerId, error.Message);
        Assert.Contains(SecondServerId, error.Message);
    }
}
