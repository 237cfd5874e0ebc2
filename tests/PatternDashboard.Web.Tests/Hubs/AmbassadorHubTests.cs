using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Ambassador pattern, the way a script would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AmbassadorHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task TransientErrors_AmbassadorRetries_AttemptsStayWithinTheMaximum()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 5, options = new Dictionary<string, double> { [Option.MaxAttempts] = 3 } });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.TransientErrors, value = 40 });

        var snapshot = await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 10.0);

        var details = snapshot.GetProperty("details");
        Assert.Equal(3, details.GetProperty("maxAttempts").GetInt32());
        Assert.Equal(3, details.GetProperty("mostAttemptsSeen").GetInt32());
        Assert.True(details.GetProperty("attemptsPerRequest").GetDouble() > 1.2);
        Assert.NotEmpty(details.GetProperty("log").EnumerateArray());
        var info = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.True(info.Invariants.Single(i => i.Id == "attempt-limit").Holds);
    }

    [Fact]
    public async Task RetryStorm_DuringAnOutage_BudgetMonitorTurnsRed()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", Id, new { seed = 6 });
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.RetryStorm });
        var outage = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = Fault.TransientErrors, value = 100 });
        await hub.InvokeAsync<JsonElement>("RunFor", created.SessionId, 3.0);
        await hub.InvokeAsync("ClearFault", created.SessionId, outage.ActiveFaultId);

        var info = await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);

        Assert.True(info.Invariants.Single(i => i.Id == "retry-budget").Violations > 0);
    }
}
