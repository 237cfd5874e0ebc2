using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The hub driving the real Leader Election pattern, the way a script would.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LeaderElectionHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<(string? Leader, long Term)> LeaderAfter(string sessionId, double seconds)
    {
        var snapshot = await hub.InvokeAsync<JsonElement>("RunFor", sessionId, seconds);
        var details = snapshot.GetProperty("details");
        var leader = details.GetProperty("leaderId");
        return (leader.ValueKind == JsonValueKind.Null ? null : leader.GetString(), details.GetProperty("highestTerm").GetInt64());
    }

    [Fact]
    public async Task ListFaults_NodeFaultsOfferTheClusterNodesButNotTheClient()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 1, nodeCount = 3 });

        var faults = await hub.InvokeAsync<JsonElement>("ListFaults", created.SessionId);

        var crash = faults.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "crash");
        Assert.Equal(["n1", "n2", "n3"], crash.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task CrashLeader_ANewLeaderIsElectedInAHigherTerm(long seed)
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed, nodeCount = 5 });
        var (first, firstTerm) = await LeaderAfter(created.SessionId, 3);
        Assert.NotNull(first);

        var crash = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = LeaderElectionPattern.Fault.CrashLeader });
        var (second, secondTerm) = await LeaderAfter(created.SessionId, 5);

        Assert.NotNull(crash.ActiveFaultId);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.True(secondTerm > firstTerm, $"Term {secondTerm} is not above {firstTerm}.");
        var snapshot = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);
        Assert.False(snapshot.Nodes.Single(n => n.Id == first).Up);
        Assert.All(snapshot.Invariants, i => Assert.True(i.Holds, $"{i.Id}: {i.LastViolation}"));
    }

    [Fact]
    public async Task CrashNode_ThenClear_BringsItBackAsAFollower()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 8 });
        var (leader, _) = await LeaderAfter(created.SessionId, 3);
        string follower = leader == "n1" ? "n2" : "n1";

        var crash = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "crash", target = follower });
        await hub.InvokeAsync("ClearFault", created.SessionId, crash.ActiveFaultId);
        var snapshot = await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 2.0);

        var node = snapshot.Nodes.Single(n => n.Id == follower);
        Assert.True(node.Up);
        Assert.Equal("follower", node.State);
    }

    [Fact]
    public async Task InjectFault_RefusedByThePattern_SaysWhy()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 8 });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "restart", target = "n1" }));

        Assert.Contains("only a crashed node can restart", error.Message);
    }

    [Fact]
    public async Task ExportThenImport_ReplaysTheElection()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 12 });
        await LeaderAfter(created.SessionId, 2);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "crash-leader" });
        var (leader, term) = await LeaderAfter(created.SessionId, 4);

        var recording = await hub.InvokeAsync<JsonElement>("ExportRecording", created.SessionId);
        var imported = await hub.InvokeAsync<SessionImported>("ImportRecording", recording);
        var (replayedLeader, replayedTerm) = await LeaderAfter(imported.SessionId, 4);

        Assert.Equal(leader, replayedLeader);
        Assert.Equal(term, replayedTerm);
    }

    /// <summary>
    /// Guards against the stream growing (metric series are left out of it). The aim is 2 KB; a 5-node cluster
    /// measures about 3 KB today, most of it the nodes' own properties and the 15 links of a full mesh.
    /// </summary>
    [Fact]
    public async Task StreamSnapshots_MedianUpdateStaysSmall()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", LeaderElectionPattern.Id, new { seed = 4 });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 30.0);
        await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "play" });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sizes = new List<int>();

        await foreach (var snapshot in hub.StreamAsync<JsonElement>("StreamSnapshots", created.SessionId, stop.Token))
        {
            sizes.Add(snapshot.GetRawText().Length);
            if (sizes.Count == 15)
            {
                break;
            }
        }

        sizes.Sort();
        int median = sizes[sizes.Count / 2];
        Assert.True(median <= 3584, $"The median snapshot is {median} bytes: {string.Join(", ", sizes)}.");
    }
}
