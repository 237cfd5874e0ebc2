using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Comparisons through the hub: what differs, where faults go, who may drive them, and how they end.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ComparisonHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;
    private string runId = "";

    private SessionManager Sessions => app.Services.GetRequiredService<SessionManager>();

    /// <summary>This connection's sessions: other tests' connections close theirs whenever they go.</summary>
    private int Mine => Sessions.ListByOwner(SimulationHub.OwnerIdOf(hub.ConnectionId!)).Count;

    public async Task InitializeAsync()
    {
        hub = await app.ConnectAsync();
        runId = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed = 5 })).SessionId;
        await hub.InvokeAsync<SnapshotInfo>("RunFor", runId, 2.0);
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private Task<ComparisonInfo> Compare(object difference) => hub.InvokeAsync<ComparisonInfo>("CreateComparison", runId, difference);

    private Task<SnapshotInfo> Snapshot(string sessionId) => hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId);

    [Theory]
    [InlineData("""{}""", "exactly one thing")]
    [InlineData("""{"faultId":"crash","option":"intervalMs","optionValue":50}""", "exactly one thing")]
    [InlineData("""{"faultId":"no-such"}""", "Unknown fault 'no-such'")]
    [InlineData("""{"option":"no-such","optionValue":1}""", "Unknown option 'no-such'")]
    [InlineData("""{"option":"intervalMs"}""", "Give the value")]
    [InlineData("""{"option":"intervalMs","optionValue":5000}""", "between 1 and 1000")]
    [InlineData("""{"option":"intervalMs","optionValue":100}""", "already has intervalMs 100")]
    [InlineData("""{"faultId":"crash","target":"n9"}""", "Unknown node 'n9'")]
    public async Task BadDifference_IsRefusedWithAReason_AndOpensNothing(string difference, string reason)
    {
        int before = Mine;

        var error = await Assert.ThrowsAsync<HubException>(() => Compare(System.Text.Json.JsonDocument.Parse(difference).RootElement));

        Assert.Contains(reason, error.Message);
        Assert.Equal(before, Mine);
        Assert.Null((await Snapshot(runId)).Comparison);
    }

    [Fact]
    public async Task FaultAimedAtOneSide_ReachesOnlyThatSide_AndOneGivenToBothIsUndoneOnBoth()
    {
        var pair = await Compare(new { faultId = PingPattern.Delay, value = 300 });

        var onlyWith = await hub.InvokeAsync<ComparisonFaults>("InjectComparisonFault", pair.Id, new { faultId = PingPattern.Crash, target = "n2" }, "with");
        var both = await hub.InvokeAsync<ComparisonFaults>("InjectComparisonFault", pair.Id, new { faultId = PingPattern.Crash, target = "n1" }, null);

        Assert.Null(onlyWith.Without);
        Assert.Equal("n2", onlyWith.With!.Target);
        Assert.Equal(both.Without!.SinceTime, both.With!.SinceTime);
        Assert.Equal(["crash"], (await Snapshot(pair.WithoutSessionId)).ActiveFaults.Select(f => f.FaultId));
        Assert.Equal(3, (await Snapshot(pair.WithSessionId)).ActiveFaults.Count);

        await hub.InvokeAsync("ClearComparisonFault", pair.Id, "without", both.Without.Id);

        Assert.Empty((await Snapshot(pair.WithoutSessionId)).ActiveFaults);
        Assert.Equal([PingPattern.Delay, PingPattern.Crash], (await Snapshot(pair.WithSessionId)).ActiveFaults.Select(f => f.FaultId));
    }

    [Fact]
    public async Task FaultOneSideCannotTake_IsGivenToNeither()
    {
        var pair = await Compare(new { faultId = PingPattern.Crash, target = "n1" });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<ComparisonFaults>("InjectComparisonFault", pair.Id, new { faultId = PingPattern.Crash, target = "n1" }, "both"));

        Assert.Contains("neither run has it", error.Message);
        Assert.DoesNotContain((await Snapshot(pair.WithoutSessionId)).ActiveFaults, f => f.FaultId == PingPattern.Crash);
    }

    [Fact]
    public async Task OptionDifference_StartsBothFromTheSameSeed_OnlyForARunWithoutFaults()
    {
        var pair = await Compare(new { option = PingPattern.IntervalMs, optionValue = 50 });
        await hub.InvokeAsync("RunComparisonFor", pair.Id, 1.0);
        var without = await Snapshot(pair.WithoutSessionId);
        var with = await Snapshot(pair.WithSessionId);

        Assert.Equal((0.0, "Ping interval 50 ms"), (pair.Since, pair.Difference));
        Assert.Equal((3.0, 3.0), (without.SimulatedTime, with.SimulatedTime));
        Assert.True(with.EventCount > without.EventCount, $"{with.EventCount} events at 50 ms, {without.EventCount} at 100 ms");

        await hub.InvokeAsync("EndComparison", pair.Id);
        await hub.InvokeAsync<FaultInjected>("InjectFault", runId, new { faultId = PingPattern.Crash, target = "n1" });
        var refused = await Assert.ThrowsAsync<HubException>(() => Compare(new { option = PingPattern.IntervalMs, optionValue = 50 }));
        Assert.Contains("changes the run from its start", refused.Message);
    }

    [Fact]
    public async Task OneClock_ControlsBothRuns_AndTheSideWithTheDifferenceRefusesDirectChanges()
    {
        var pair = await Compare(new { faultId = PingPattern.BreakCounting });

        await hub.InvokeAsync("ControlComparison", pair.Id, new { action = "play" });
        await Task.Delay(300);
        await hub.InvokeAsync("ControlComparison", pair.Id, new { action = "pause" });
        await hub.InvokeAsync("ControlComparison", pair.Id, new { action = "step" });
        var without = await Snapshot(pair.WithoutSessionId);
        var with = await Snapshot(pair.WithSessionId);
        var direct = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SnapshotInfo>("Control", pair.WithSessionId, new { action = "play" }));
        var early = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("TravelComparisonTo", pair.Id, 1.0));
        var side = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonFaults>("InjectComparisonFault", pair.Id, new { faultId = PingPattern.Nudge, target = "n1" }, "left"));

        Assert.True(without.SimulatedTime > 2.0);
        Assert.Equal(without.SimulatedTime, with.SimulatedTime);
        Assert.Equal(("paused", "paused"), (without.Status, with.Status));
        Assert.Contains("side with the difference", direct.Message);
        Assert.Contains("differ from 2 s on", early.Message);
        Assert.Contains("Sides: both, without, with", side.Message);
    }

    [Fact]
    public async Task AnotherConnection_WatchesAndSavesTheComparison_ButCannotDriveOrEndIt()
    {
        var pair = await Compare(new { faultId = PingPattern.BreakCounting });
        await using var other = await app.ConnectAsync();

        var seen = await other.InvokeAsync<ComparisonInfo>("GetComparison", pair.Id);
        var file = await other.InvokeAsync<ComparisonRecording>("ExportComparison", pair.Id);
        var control = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync("ControlComparison", pair.Id, new { action = "play" }));
        var end = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync("EndComparison", pair.Id));

        Assert.Equal(pair, seen);
        Assert.Equal(("comparison", PingPattern.BreakCounting), (file.Kind, file.With.Inputs[^1].FaultId));
        Assert.Contains("read-only", control.Message);
        Assert.Contains("read-only", end.Message);
    }

    [Fact]
    public async Task Ending_ClosesTheSideWithTheDifference_AndClosingTheRunEndsTheComparison()
    {
        var pair = await Compare(new { faultId = PingPattern.BreakCounting });
        await hub.InvokeAsync("EndComparison", pair.Id);

        Assert.Null(Sessions.Find(pair.WithSessionId));
        Assert.Null((await Snapshot(runId)).Comparison);

        var again = await Compare(new { faultId = PingPattern.BreakCounting });
        await hub.InvokeAsync("CloseSession", runId);
        await WaitUntil(() => Sessions.Find(again.WithSessionId) is null);
        var gone = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("GetComparison", again.Id));
        Assert.Contains("Unknown comparison", gone.Message);
    }

    [Fact]
    public async Task BadComparisonFile_IsRefusedWithAReason()
    {
        var pair = await Compare(new { faultId = PingPattern.BreakCounting });
        var file = await hub.InvokeAsync<ComparisonRecording>("ExportComparison", pair.Id);
        int before = Mine;

        var wrongKind = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", file with { Kind = "run" }));
        var otherSeed = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", file with { With = file.With with { Seed = 6 } }));
        var noName = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", file with { Difference = "" }));

        Assert.Contains("not a comparison file", wrongKind.Message);
        Assert.Contains("one pattern with one seed", otherSeed.Message);
        Assert.Contains("names its difference", noName.Message);
        var single = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", file.Without));
        var garbled = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", "{ not json"));
        var number = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", 42));
        Assert.Contains("goes to ImportRecording", single.Message);
        Assert.Contains("not valid JSON", garbled.Message);
        Assert.Contains("A comparison file is required", number.Message);
        Assert.Equal(before, Mine);
    }

    [Fact]
    public async Task InARoom_TheInstructorCompares_AndAStudentSeesBothRunsWithoutControl()
    {
        var room = await hub.InvokeAsync<RoomCreatedInfo>("CreateRoom", PingPattern.Id, null);
        try
        {
            await using var student = await app.ConnectAsync();
            await student.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode);
            var pair = await hub.InvokeAsync<ComparisonInfo>("CreateComparison", room.SessionId, new { faultId = PingPattern.BreakCounting });

            var seen = (await student.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId)).Comparison;
            var refused = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("ControlComparison", pair.Id, new { action = "play" }));
            var byHand = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("CreateComparison", room.SessionId, new { faultId = PingPattern.Crash, target = "n1" }));

            Assert.Equal(pair, seen);
            Assert.Contains("instructor", refused.Message);
            Assert.Contains("instructor", byHand.Message);
        }
        finally
        {
            app.Services.GetRequiredService<RoomManager>().Close(room.RoomCode);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
        Assert.True(condition());
    }
}
