using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

[Collection(DashboardCollection.Name)]
public sealed class SimulationHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;

    public async Task InitializeAsync() => hub = await app.ConnectAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private Task<SessionCreated> CreatePing(object? options = null) =>
        hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, options ?? new { seed = 7 });

    private Task<SnapshotInfo> Snapshot(string sessionId) => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);

    [Fact]
    public async Task ListPatterns_NamesEveryPatternWithItsOptions()
    {
        var patterns = await hub.InvokeAsync<JsonElement>("ListPatterns");

        var ids = patterns.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("leader-election", ids);
        Assert.Contains(PingPattern.Id, ids);
        var ping = patterns.EnumerateArray().Single(p => p.GetProperty("id").GetString() == PingPattern.Id);
        Assert.Equal("Ping", ping.GetProperty("title").GetString());
        var nodeCount = ping.GetProperty("options").EnumerateArray().First();
        Assert.Equal("nodeCount", nodeCount.GetProperty("name").GetString());
        Assert.Equal(2, nodeCount.GetProperty("min").GetDouble());
        Assert.Equal(3, nodeCount.GetProperty("default").GetDouble());
    }

    [Fact]
    public async Task CreateSession_ReturnsItsIdPatternAndSeed()
    {
        var created = await hub.InvokeAsync<JsonElement>("CreateSession", PingPattern.Id, new { seed = 1234, nodeCount = 5 });

        string sessionId = created.GetProperty("sessionId").GetString()!;
        Assert.Equal(PingPattern.Id, created.GetProperty("patternId").GetString());
        Assert.Equal(1234, created.GetProperty("seed").GetInt64());
        var snapshot = await Snapshot(sessionId);
        Assert.Equal(5, snapshot.Nodes.Count);
        Assert.Equal(1234, snapshot.Seed);
    }

    [Fact]
    public async Task CreateSession_WithoutOptions_PicksASeed()
    {
        var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null);

        Assert.InRange(created.Seed, 1, 999_999_999);
        Assert.Equal(3, (await Snapshot(created.SessionId)).Nodes.Count);
    }

    [Fact]
    public async Task CreateSession_WithPatternOptions_UsesThem()
    {
        var created = await CreatePing(new { options = new Dictionary<string, double> { ["nodeCount"] = 2, ["intervalMs"] = 50 } });

        Assert.Equal(2, (await Snapshot(created.SessionId)).Nodes.Count);
    }

    [Fact]
    public async Task GetSnapshot_HasTheDocumentedShape_WithoutMetricSeries()
    {
        var created = await CreatePing();
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);

        var snapshot = await hub.InvokeAsync<JsonElement>("GetSnapshot", created.SessionId);

        Assert.Equal(created.SessionId, snapshot.GetProperty("sessionId").GetString());
        Assert.Equal(PingPattern.Id, snapshot.GetProperty("patternId").GetString());
        Assert.Equal(7, snapshot.GetProperty("seed").GetInt64());
        Assert.Equal(1.0, snapshot.GetProperty("simulatedTime").GetDouble(), 6);
        Assert.Equal("paused", snapshot.GetProperty("status").GetString());
        Assert.Equal(1.0, snapshot.GetProperty("speed").GetDouble());
        var node = snapshot.GetProperty("nodes")[0];
        Assert.Equal("n1", node.GetProperty("id").GetString());
        Assert.Equal("Node 1", node.GetProperty("label").GetString());
        Assert.Equal("pinging", node.GetProperty("state").GetString());
        Assert.True(node.GetProperty("up").GetBoolean());
        Assert.True(node.GetProperty("properties").GetProperty("received").GetInt64() > 0);
        var link = snapshot.GetProperty("links")[0];
        Assert.Equal("up", link.GetProperty("state").GetString());
        Assert.Equal("n1", link.GetProperty("from").GetString());
        Assert.Equal("n2", link.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Array, snapshot.GetProperty("messages").ValueKind);
        Assert.Equal(JsonValueKind.Array, snapshot.GetProperty("activeFaults").ValueKind);
        var invariant = snapshot.GetProperty("invariants")[0];
        Assert.Equal("someone-up", invariant.GetProperty("id").GetString());
        Assert.Equal("At least one node is up", invariant.GetProperty("description").GetString());
        Assert.True(invariant.GetProperty("holds").GetBoolean());
        Assert.Equal(0, invariant.GetProperty("violations").GetInt32());
        Assert.Equal(JsonValueKind.Null, invariant.GetProperty("lastViolation").ValueKind);
        Assert.True(snapshot.GetProperty("metrics").GetProperty("received").GetDouble() > 0);
        Assert.True(snapshot.GetProperty("details").GetProperty("counting").GetBoolean());
        Assert.False(snapshot.TryGetProperty("series", out _));
    }

    [Fact]
    public async Task StreamSnapshots_WhilePlaying_SendsSnapshotsAsTimeMoves()
    {
        var created = await CreatePing();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<SnapshotInfo>();

        await foreach (var snapshot in hub.StreamAsync<SnapshotInfo>("StreamSnapshots", created.SessionId, stop.Token))
        {
            received.Add(snapshot);
            if (received.Count == 1)
            {
                Assert.Equal("paused", snapshot.Status);
                await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "play" });
            }
            if (received.Count == 6)
            {
                break;
            }
        }

        Assert.All(received.Skip(1), s => Assert.Equal("running", s.Status));
        Assert.Equal(received.Select(s => s.SimulatedTime).Order(), received.Select(s => s.SimulatedTime));
        Assert.True(received[^1].SimulatedTime > received[1].SimulatedTime);
    }

    [Fact]
    public async Task StreamEvents_SendsTheLogThenFollowsNewEvents()
    {
        var created = await CreatePing();
        var atOneSecond = await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<EventInfo>();

        await foreach (var e in hub.StreamAsync<EventInfo>("StreamEvents", created.SessionId, 0L, stop.Token))
        {
            events.Add(e);
            if (e.Sequence == atOneSecond.LastEventSequence)
            {
                await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);
            }
            if (e.Sequence == atOneSecond.LastEventSequence + 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Contains(events, e => e.Kind == "ping" && e.Node == "n2");
        Assert.True(events[^1].Time > 1);
    }

    [Fact]
    public async Task StreamEvents_AfterASequence_StartsAfterIt()
    {
        var created = await CreatePing();
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = await hub.StreamAsync<EventInfo>("StreamEvents", created.SessionId, 5L, stop.Token).FirstAsync(stop.Token);

        Assert.Equal(6, first.Sequence);
    }

    [Fact]
    public async Task ListFaults_DescribesTargetsParametersAndKinds()
    {
        var created = await CreatePing();

        var faults = await hub.InvokeAsync<JsonElement>("ListFaults", created.SessionId);

        var byId = faults.EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(["n1", "n2", "n3"], byId["crash"].GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, byId["crash"].GetProperty("parameter").ValueKind);
        Assert.Equal("Crash node", byId["crash"].GetProperty("label").GetString());
        Assert.False(string.IsNullOrEmpty(byId["crash"].GetProperty("description").GetString()));
        var delay = byId["delay"];
        Assert.Equal(JsonValueKind.Null, delay.GetProperty("targets").ValueKind);
        Assert.Equal("delay", delay.GetProperty("parameter").GetProperty("name").GetString());
        Assert.Equal(0, delay.GetProperty("parameter").GetProperty("min").GetDouble());
        Assert.Equal(1000, delay.GetProperty("parameter").GetProperty("max").GetDouble());
        Assert.Equal("ms", delay.GetProperty("parameter").GetProperty("unit").GetString());
        Assert.True(byId["nudge"].GetProperty("isInstant").GetBoolean());
        Assert.True(byId["break-counting"].GetProperty("isBreakIt").GetBoolean());
        Assert.False(byId["crash"].GetProperty("isBreakIt").GetBoolean());
    }

    [Fact]
    public async Task InjectFault_ThenClearFault_AppliesAndUndoesIt()
    {
        var created = await CreatePing();

        var injected = await hub.InvokeAsync<JsonElement>("InjectFault", created.SessionId, new { faultId = "crash", target = "n2" });
        string activeFaultId = injected.GetProperty("activeFaultId").GetString()!;
        var crashed = await Snapshot(created.SessionId);
        await hub.InvokeAsync("ClearFault", created.SessionId, activeFaultId);
        var healed = await Snapshot(created.SessionId);

        var active = Assert.Single(crashed.ActiveFaults);
        Assert.Equal(activeFaultId, active.Id);
        Assert.Equal("n2", active.Target);
        Assert.False(crashed.Nodes.Single(n => n.Id == "n2").Up);
        Assert.Empty(healed.ActiveFaults);
        Assert.True(healed.Nodes.Single(n => n.Id == "n2").Up);
    }

    [Fact]
    public async Task InjectFault_WithValue_AndInstant()
    {
        var created = await CreatePing();

        var delay = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "delay", value = 300 });
        var nudge = await hub.InvokeAsync<JsonElement>("InjectFault", created.SessionId, new { faultId = "nudge", target = "n1" });

        Assert.NotNull(delay.ActiveFaultId);
        Assert.Equal(300, Assert.Single((await Snapshot(created.SessionId)).ActiveFaults).Value);
        Assert.Equal(JsonValueKind.Null, nudge.GetProperty("activeFaultId").ValueKind);
    }

    [Fact]
    public async Task Control_EveryAction_ChangesTheClockAsAsked()
    {
        var created = await CreatePing();

        var playing = await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "play" });
        var faster = await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "speed", value = 4 });
        var paused = await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "pause" });
        var stepped = await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "step" });
        var reset = await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "reset", value = 11 });

        Assert.Equal("running", playing.Status);
        Assert.Equal(4, faster.Speed);
        Assert.Equal("paused", paused.Status);
        Assert.Equal(paused.EventCount + 1, stepped.EventCount);
        Assert.Equal(11, reset.Seed);
        Assert.Equal(0, reset.SimulatedTime);
        Assert.Equal(1, reset.Generation);
        Assert.Equal(4, reset.Speed);
    }

    [Fact]
    public async Task Control_ActionNames_IgnoreCase()
    {
        var created = await CreatePing();

        var playing = await hub.InvokeAsync<SnapshotInfo>("Control", created.SessionId, new { action = "Play" });

        Assert.Equal("running", playing.Status);
    }

    [Fact]
    public async Task RunFor_ReturnsTheSnapshotAfterIt()
    {
        var created = await CreatePing();

        var after = await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 90.0);

        Assert.Equal(90, after.SimulatedTime, 6);
        Assert.Equal("paused", after.Status);
        Assert.Null(after.FastForward);
        Assert.Equal(after.SimulatedTime, (await Snapshot(created.SessionId)).SimulatedTime);
    }

    [Fact]
    public async Task ExportThenImport_ReplaysTheSameRun()
    {
        var created = await CreatePing(new { seed = 21, nodeCount = 4 });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 2.0);
        var crash = await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "crash", target = "n3" });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);
        await hub.InvokeAsync("ClearFault", created.SessionId, crash.ActiveFaultId);
        var original = await Snapshot(created.SessionId);

        var recording = await hub.InvokeAsync<JsonElement>("ExportRecording", created.SessionId);
        var imported = await hub.InvokeAsync<JsonElement>("ImportRecording", recording);
        string importedId = imported.GetProperty("sessionId").GetString()!;
        var replayed = await Snapshot(importedId);

        Assert.Equal(1, recording.GetProperty("formatVersion").GetInt32());
        Assert.Equal(PingPattern.Id, recording.GetProperty("patternId").GetString());
        Assert.Equal(21, recording.GetProperty("seed").GetInt64());
        Assert.Equal(2, recording.GetProperty("inputs").GetArrayLength());
        Assert.NotEqual(created.SessionId, importedId);
        Assert.Equal("paused", replayed.Status);
        Assert.Equal(original.SimulatedTime, replayed.SimulatedTime);
        Assert.Equal(original.EventCount, replayed.EventCount);
        var later = await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 3.0);
        var replayedLater = await hub.InvokeAsync<SnapshotInfo>("RunFor", importedId, 3.0);
        Assert.Equal(later.EventCount, replayedLater.EventCount);
    }

    [Fact]
    public async Task ImportRecording_AsAJsonString_IsAccepted()
    {
        var created = await CreatePing();
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 1.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "nudge", target = "n1" });
        var recording = await hub.InvokeAsync<Recording>("ExportRecording", created.SessionId);

        var imported = await hub.InvokeAsync<SessionImported>("ImportRecording", recording.ToJson());

        Assert.Equal(1.0, (await Snapshot(imported.SessionId)).SimulatedTime, 6);
    }

    [Fact]
    public async Task ImportRecording_LargerThanSignalRsDefaultLimit_IsAccepted()
    {
        var created = await CreatePing();
        for (int i = 0; i < 800; i++)
        {
            await hub.InvokeAsync<FaultInjected>("InjectFault", created.SessionId, new { faultId = "nudge", target = $"n{i % 3 + 1}" });
        }
        var recording = await hub.InvokeAsync<JsonElement>("ExportRecording", created.SessionId);
        Assert.True(recording.GetRawText().Length > 64 * 1024, $"The recording is only {recording.GetRawText().Length} bytes.");

        var imported = await hub.InvokeAsync<SessionImported>("ImportRecording", recording);

        Assert.Equal(800, (await hub.InvokeAsync<Recording>("ExportRecording", imported.SessionId)).Inputs.Count);
    }

    [Fact]
    public async Task CreateSession_OverThePerConnectionLimit_IsRefused()
    {
        for (int i = 0; i < DashboardFactory.MaxSessionsPerOwner; i++)
        {
            await CreatePing();
        }

        var error = await Assert.ThrowsAsync<HubException>(() => CreatePing());

        Assert.Contains($"You already have {DashboardFactory.MaxSessionsPerOwner} sessions open; close one first", error.Message);
        // Another connection has its own allowance.
        await using var other = await app.ConnectAsync();
        await other.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null);
    }

    [Fact]
    public async Task Disconnecting_ClosesTheConnectionsSessions()
    {
        var other = await app.ConnectAsync();
        var created = await other.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null);
        Assert.NotNull(app.Sessions.Find(created.SessionId));

        await other.DisposeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (app.Sessions.Find(created.SessionId) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Null(app.Sessions.Find(created.SessionId));
    }

    [Fact]
    public async Task Sessions_AreWatchedByIdAcrossConnections()
    {
        var created = await CreatePing();
        await hub.InvokeAsync<SnapshotInfo>("RunFor", created.SessionId, 2.0);
        await using var other = await app.ConnectAsync();

        var seen = await other.InvokeAsync<SnapshotInfo>("GetSnapshot", created.SessionId);

        Assert.Equal(2, seen.SimulatedTime, 6);
    }
}

internal static class AsyncEnumerableExtensions
{
    public static async Task<T> FirstAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            return item;
        }
        throw new InvalidOperationException("The stream ended without an item.");
    }
}
