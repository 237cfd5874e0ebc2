using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real API Gateway pattern, as a script or the browser page does.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiGatewayHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Flood_TheDetailsTheBrowserReads_SayOnlyTheFlooderIsLimited()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 6 });
        await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 3.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.Flood, target = ClientId(1), value = 80 });

        var snapshot = await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 10.0);
        // The page reads the details as its own record, from the JSON the hub sends.
        var details = HubSnapshots.DetailsAs<ApiGatewayDetails>(snapshot.GetProperty("details"))!;

        Assert.Equal(Limiter.TokenBucket, details.Limiter);
        Assert.True(details.Clients[0].Limited > 100);
        Assert.All(details.Clients.Skip(1), c => Assert.Equal(0, c.Limited));
        Assert.True(details.Clients[0].PeakInSpan <= details.BucketPeakBound);
        Assert.Equal(3, details.Composite.Last!.Parts.Count);
        Assert.Equal(0, details.UnauthenticatedArrivals);
    }

    [Fact]
    public async Task Flood_AimedAtAService_RefusedNamingTheClients()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 3 });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.Flood, target = InstanceId(Service.Users, 1), value = 50 }));

        Assert.Contains(ClientId(1), error.Message);
    }
}
