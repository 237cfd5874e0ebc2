using PatternDashboard.Simulation.Kernel;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Event-Driven pattern, the way a script would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EventDrivenHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<JsonElement> DetailsAfter(string sessionId, double seconds) =>
        (await hub.InvokeAsync<JsonElement>("RunFor", sessionId, seconds)).GetProperty("details");

    private static long RecordsOf(JsonElement details, string service) =>
        details.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == service).GetProperty("records").GetInt64();

    [Fact]
    public async Task StopEmail_RegistrationsStillSucceed_RestartAndItCatchesUp()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", EventDrivenPattern.Id, new { seed = 3 });
        var stop = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = LifecycleFaults.Crash, target = "email-1" });
        var during = await DetailsAfter(created.SessionId, 5);

        Assert.Equal(1, during.GetProperty("successRate").GetDouble());
        Assert.Equal(0, RecordsOf(during, "email"));
        Assert.True(RecordsOf(during, "profile") > 10);

        await hub.InvokeAsync("ClearFault", created.SessionId, stop.ActiveFaultId);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = EventDrivenPattern.Fault.RegistrationRate, value = 0 });
        var after = await DetailsAfter(created.SessionId, 15);

        Assert.Equal(after.GetProperty("registrations").GetInt64(), RecordsOf(after, "email"));
        var snapshot = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.All(snapshot.Invariants, i => Assert.True(i.Holds, $"{i.Id}: {i.LastViolation}"));
    }

    [Fact]
    public async Task SynchronousCalls_EmailStopped_RegistrationsFail()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", EventDrivenPattern.Id, new { seed = 4 });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = EventDrivenPattern.Fault.SynchronousCalls });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = LifecycleFaults.Crash, target = "email-1" });

        var details = await DetailsAfter(created.SessionId, 5);

        Assert.True(details.GetProperty("synchronous").GetBoolean());
        Assert.Equal(0, details.GetProperty("successRate").GetDouble());
        Assert.True(details.GetProperty("failed").GetInt64() > 5);
    }
}
