using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>A refused call is a client's mistake: one short Debug line each, never an error with a stack trace.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HubLoggingTests(DashboardFactory app)
{
    private const int BadCalls = 60;

    [Fact]
    public async Task RefusedCalls_AreLoggedOnceEach_BrieflyAtDebug_AndNeverAsErrors()
    {
        await using var hub = await app.ConnectAsync();
        string sessionId = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null)).SessionId;
        int before = app.Logs.Entries.Count;
        Func<Task>[] calls =
        [
            () => hub.InvokeAsync<SnapshotInfo>("TravelTo", sessionId, 1e308),
            () => hub.InvokeAsync<FaultInjected>("InjectFault", sessionId, new { faultId = "melt" }),
            () => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", "nope"),
            () => hub.InvokeAsync<SnapshotInfo>("Control", sessionId, new { action = "dance" }),
            () => hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, "soon"), // refused by SignalR's binding, before the hub
        ];

        for (int i = 0; i < BadCalls; i++)
        {
            await Assert.ThrowsAsync<HubException>(calls[i % calls.Length]);
        }

        var logged = app.Logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(logged, e => e.Category.Contains("DefaultHubDispatcher", StringComparison.Ordinal));
        var refusals = logged.Where(e => e.Category == typeof(HubInputErrorFilter).FullName).ToList();
        // Binding refusals never reach the hub's filter; every other bad call is one line.
        Assert.Equal(BadCalls / calls.Length * (calls.Length - 1), refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Equal(LogLevel.Debug, e.Level);
            Assert.Null(e.Exception);
            Assert.DoesNotContain('\n', e.Message);
            Assert.StartsWith("Refused ", e.Message);
        });
    }

    [Fact]
    public async Task ServerFaults_StayErrors_WithTheirStackTrace_AndTheCallerLearnsNoDetail()
    {
        await using var hub = await app.ConnectAsync();
        string sessionId = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null)).SessionId;
        int before = app.Logs.Entries.Count;
        // The ping pattern's "explode" fault throws inside the simulation, as a bug in a pattern would.
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<FaultInjected>("InjectFault", sessionId, new { faultId = PingPattern.Explode }));

        Assert.Contains(HubInputErrorFilter.ServerFaultMessage, error.Message);
        Assert.DoesNotContain(nameof(InvalidOperationException), error.Message);
        var fault = Assert.Single(app.Logs.Entries.Skip(before), e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(fault.Exception);
    }
}
