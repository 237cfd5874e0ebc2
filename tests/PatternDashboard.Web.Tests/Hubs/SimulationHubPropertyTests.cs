using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// Random JSON at every hub method through a real client: each call either succeeds or fails with a message that says
/// what was wrong, the connection survives, a failed call leaves the caller's own session as it was, and someone else's
/// paused session is never touched. A failure names its seed and call, and replays with that seed.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SimulationHubPropertyTests(DashboardFactory app) : IAsyncLifetime
{
    private const int CallsPerSeed = 400;

    /// <summary>Every hub method and how many arguments it takes (streams are read until their first item).</summary>
    private static readonly (string Name, int Arguments, bool IsStream)[] Methods =
    [
        ("ListPatterns", 0, false), ("CreateSession", 2, false), ("CloseSession", 1, false), ("GetSnapshot", 1, false),
        ("StreamSnapshots", 1, true), ("StreamEvents", 2, true), ("ListFaults", 1, false), ("InjectFault", 2, false),
        ("ClearFault", 2, false), ("Control", 2, false), ("RunFor", 2, false), ("TravelTo", 2, false),
        ("ExportRecording", 1, false), ("ImportRecording", 1, false), ("CreateRoom", 2, false), ("JoinRoom", 1, false),
        ("ClaimRoom", 2, false), ("ShowDamage", 2, false),
    ];

    private HubConnection owner = null!;
    private string targetId = null!;
    private SnapshotInfo target = null!;
    private string targetRecording = null!;
    private readonly List<string> roomsCreated = [];

    private RoomManager Rooms => app.Services.GetRequiredService<RoomManager>();

    public async Task InitializeAsync()
    {
        owner = await app.ConnectAsync();
        targetId = await NewPausedSessionAsync(owner, seed: 5);
        target = await owner.InvokeAsync<SnapshotInfo>("GetSnapshot", targetId);
        targetRecording = await RecordingText(owner, targetId);
    }

    public async Task DisposeAsync()
    {
        await owner.DisposeAsync();
        foreach (var code in roomsCreated)
        {
            Rooms.Close(code);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomArguments_GetAClearAnswer_AndNeverTouchAnotherSession(int seed)
    {
        var random = new RandomJson(seed);
        await using var caller = await app.ConnectAsync();
        int errorsBefore = ErrorCount();
        string ownId = await NewPausedSessionAsync(caller, seed: 7);

        for (int call = 0; call < CallsPerSeed; call++)
        {
            var (name, arguments, isStream) = random.Pick(Methods);
            object?[] args = [.. Enumerable.Range(0, Arity(random, arguments)).Select(i => Argument(random, name, i, ownId))];
            string where = $"seed {seed}, call {call}: {name}({string.Join(", ", args.Select(a => a?.ToString() ?? "null"))})";
            var before = await caller.InvokeAsync<SnapshotInfo>("GetSnapshot", ownId);

            string? error = await TryCall(caller, name, isStream, args);

            Assert.True(caller.State == HubConnectionState.Connected, $"The connection closed after {where}.");
            if (error is not null)
            {
                Assert.True(IsClear(error), $"Unclear refusal '{error}' for {where}.");
                if (app.Sessions.Find(ownId) is not null)
                {
                    var after = await caller.InvokeAsync<SnapshotInfo>("GetSnapshot", ownId);
                    Assert.True(Same(before, after), $"The refused {where} changed the caller's session: {Describe(before)} -> {Describe(after)}.");
                }
            }
            ownId = await KeepOwnSessionAsync(caller, ownId);
            CloseExtraSessions(ownId);
        }

        var now = await owner.InvokeAsync<SnapshotInfo>("GetSnapshot", targetId);
        Assert.True(Same(target, now), $"Seed {seed} changed someone else's session: {Describe(target)} -> {Describe(now)}.");
        Assert.Equal(targetRecording, await RecordingText(owner, targetId));
        Assert.True(errorsBefore == ErrorCount(), $"Seed {seed} logged server errors: {string.Join(" | ", app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message))}");
    }

    private int ErrorCount() => app.Logs.Entries.Count(e => e.Level >= LogLevel.Error);

    /// <summary>The error text of a refused call, or null when it succeeded (a stream: its first item, or a quiet second).</summary>
    private async Task<string?> TryCall(HubConnection hub, string name, bool isStream, object?[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(isStream ? 1 : 30));
        try
        {
            if (isStream)
            {
                await foreach (var _ in hub.StreamAsyncCore<JsonElement>(name, args, timeout.Token))
                {
                    break;
                }
                return null;
            }
            var result = await hub.InvokeCoreAsync<JsonElement>(name, args, timeout.Token);
            if (name == "CreateRoom" && result.ValueKind == JsonValueKind.Object)
            {
                roomsCreated.Add(result.GetProperty("roomCode").GetString()!);
            }
            return null;
        }
        catch (HubException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (isStream)
        {
            return null; // a stream with nothing new to send yet
        }
    }

    /// <summary>SignalR's prefix alone ("An unexpected error occurred invoking 'X' on the server.") hides the reason; a clear refusal names one.</summary>
    private static bool IsClear(string message)
    {
        if (message.Contains(HubInputErrorFilter.ServerFaultMessage, StringComparison.Ordinal))
        {
            return false; // an exception escaped the checks: a server fault, not a refusal
        }
        foreach (var marker in new[] { "HubException: ", "InvalidDataException: " })
        {
            int at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && message.Length > at + marker.Length + 5)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Mostly the right number of arguments, sometimes one too few or too many.</summary>
    private static int Arity(RandomJson random, int arguments) => random.Next(10) switch
    {
        0 => Math.Max(0, arguments - 1),
        1 => arguments + 1,
        _ => arguments,
    };

    /// <summary>A plausible argument for the slot (so calls reach the checks behind the first one), or any JSON at all.</summary>
    private object? Argument(RandomJson random, string method, int slot, string ownId)
    {
        if (random.Chance(0.4))
        {
            return new RawJson(random.Value());
        }
        bool takesSession = method is not ("ListPatterns" or "CreateSession" or "ImportRecording" or "CreateRoom" or "JoinRoom" or "ClaimRoom");
        if (slot == 0 && takesSession)
        {
            return random.Pick([targetId, targetId, ownId, ownId, "nope", ""]);
        }
        return (method, slot) switch
        {
            ("CreateSession" or "CreateRoom", 0) => random.Pick([PingPattern.Id, PingPattern.FixedId, "paxos"]),
            ("CreateSession" or "CreateRoom", _) => RawJson.Of(new { seed = random.Next(100), nodeCount = random.Next(8) }),
            ("InjectFault", _) => new RawJson($"{{\"faultId\":{RandomJson.Quote(random.Pick([PingPattern.Crash, PingPattern.Delay, PingPattern.Nudge, "melt"]))}," +
                $"\"target\":{RandomJson.Quote(random.Pick(["n1", "n2", "n9"]))},\"value\":{random.Number()}}}"),
            ("ClearFault", _) => random.Pick(["f1", "f2", "f99"]),
            ("Control", _) => new RawJson($"{{\"action\":{RandomJson.Quote(random.Pick(["play", "pause", "step", "speed", "reset", "dance"]))},\"value\":{random.Number()}}}"),
            ("RunFor" or "TravelTo", _) => new RawJson(random.Number()),
            ("StreamEvents", _) => new RawJson(random.Number()),
            ("ImportRecording", _) => new RawJson(RandomRecording(random)),
            ("JoinRoom" or "ClaimRoom", _) => random.Pick(["K7HM3X", "k7h-m3x", "AAAAAA", "0O1IL0"]),
            _ => new RawJson(random.Value()),
        };
    }

    private static string RandomRecording(RandomJson random) =>
        $"{{\"formatVersion\":{random.Pick(["1", "1", "7", "\"1\""])},\"patternId\":{RandomJson.Quote(random.Pick(["ping", "paxos", "\\ud800"]))}," +
        $"\"seed\":{random.Number()},\"options\":{random.Object(1)},\"inputs\":[{{\"timeTicks\":{random.Number()},\"afterEvents\":{random.Number()}," +
        $"\"action\":\"inject\",\"faultId\":{random.Text()}}}]}}";

    /// <summary>A new paused ping session with some history and one active fault.</summary>
    private static async Task<string> NewPausedSessionAsync(HubConnection hub, long seed)
    {
        string id = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed })).SessionId;
        await hub.InvokeAsync<SnapshotInfo>("RunFor", id, 1.0);
        await hub.InvokeAsync<FaultInjected>("InjectFault", id, new { faultId = PingPattern.Crash, target = "n1" });
        return id;
    }

    /// <summary>Keeps the caller's own session paused (a random "play" may have started it), or opens a new one if a call closed it.</summary>
    private async Task<string> KeepOwnSessionAsync(HubConnection caller, string ownId)
    {
        if (app.Sessions.Find(ownId) is null)
        {
            return await NewPausedSessionAsync(caller, seed: 7);
        }
        await caller.InvokeAsync<SnapshotInfo>("Control", ownId, new { action = "pause" });
        return ownId;
    }

    /// <summary>Sessions a random CreateSession or ImportRecording made would soon use up the caller's limit; only its own stays.</summary>
    private void CloseExtraSessions(string ownId)
    {
        var ownerId = app.Sessions.Get(ownId).OwnerId;
        foreach (var extra in app.Sessions.ListByOwner(ownerId).Where(s => s.Id != ownId))
        {
            app.Sessions.Close(extra.Id);
        }
    }

    private static bool Same(SnapshotInfo a, SnapshotInfo b) =>
        a.SimulatedTime == b.SimulatedTime && a.EventCount == b.EventCount && a.Status == b.Status && a.Speed == b.Speed
        && a.Generation == b.Generation && a.ActiveFaults.Select(f => f.Id).SequenceEqual(b.ActiveFaults.Select(f => f.Id));

    private static string Describe(SnapshotInfo s) =>
        $"t={s.SimulatedTime} events={s.EventCount} {s.Status} x{s.Speed} gen {s.Generation} faults [{string.Join(",", s.ActiveFaults.Select(f => f.Id))}]";

    private static async Task<string> RecordingText(HubConnection hub, string sessionId) =>
        (await hub.InvokeAsync<JsonElement>("ExportRecording", sessionId)).GetRawText();
}
