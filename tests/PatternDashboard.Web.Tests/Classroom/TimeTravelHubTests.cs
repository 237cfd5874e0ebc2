using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Tests.Hubs;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>TravelTo through a real SignalR connection, as a script would call it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TimeTravelHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task TravelTo_GoesBackToTheStateAFreshRunHasThere()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 12 });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 2.0);
        var atTwo = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 0.5);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "crash", target = "n3" });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 4.0);

        var back = await hub.InvokeAsync<SnapshotInfo>("TravelTo", created.SessionId, 2.0);

        Assert.Equal(2.0, back.SimulatedTime, 6);
        Assert.Equal(atTwo.EventCount, back.EventCount);
        Assert.Equal("paused", back.Status);
        Assert.Equal(atTwo.Nodes.Select(n => (n.Id, n.State, n.Up)), back.Nodes.Select(n => (n.Id, n.State, n.Up)));
    }

    [Theory]
    [InlineData(-3, "0 s or more")]
    [InlineData(600, "ahead of it")]
    public async Task TravelTo_BadTime_IsRefusedWithTheReason(double seconds, string message)
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 12 });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SnapshotInfo>("TravelTo", created.SessionId, seconds));

        Assert.Contains(message, error.Message);
        Assert.Equal(1.0, (await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId)).SimulatedTime, 6);
    }

    [Fact]
    public async Task TravelTo_UnknownSession_IsRefused()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SnapshotInfo>("TravelTo", "nope", 1.0));

        Assert.Contains("Unknown session", error.Message);
    }
}
