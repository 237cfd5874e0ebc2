using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.LoadTool;

/// <summary>What every flood client adds to: answers, refusals, failures and answer times, counted across clients.</summary>
internal sealed class FloodTally
{
    private const int KeptFailures = 5;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> failures = new();
    private long answered;
    private long refused;
    private long failed;
    private long roomAnswered;

    public LatencyHistogram AnswerTimes { get; } = new(maxValue: 120_000);

    public long Answered => Interlocked.Read(ref answered);

    public long Refused => Interlocked.Read(ref refused);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Control calls on the room that the server carried out for a student: the instructor rule broken.</summary>
    public long RoomAnswered => Interlocked.Read(ref roomAnswered);

    public IReadOnlyList<string> FirstFailures => [.. failures];

    public void Answer(bool onRoom, string call)
    {
        Interlocked.Increment(ref answered);
        if (onRoom && Interlocked.Increment(ref roomAnswered) <= KeptFailures)
        {
            failures.Enqueue($"the room carried out a student's {call}");
        }
    }

    public void Refuse() => Interlocked.Increment(ref refused);

    public void Fail(string what)
    {
        if (Interlocked.Increment(ref failed) <= KeptFailures)
        {
            failures.Enqueue(what);
        }
    }
}

/// <summary>
/// One flood client: its own private run, which it plays, and a room it joined as a student. It presses random fault,
/// control and time-travel buttons on both, one call at a time as fast as answers come, and follows the room's event
/// log to count the instructor's actions it sees.
/// </summary>
internal sealed class FloodClient(HubConnection connection, int index, long seed, FloodTally tally)
{
    private readonly Random random = new((int)(seed ^ index * 7919));
    private readonly List<string> activeFaults = [];
    private string ownId = null!;
    private List<FaultInfo> ownFaults = null!;
    private double ownTime;
    private long actionsSeen;

    /// <summary>The instructor's crash and restart actions this student's event stream has shown.</summary>
    public long ActionsSeen => Interlocked.Read(ref actionsSeen);

    public HubConnection Connection => connection;

    /// <summary>Joins the room, starts following its events (from now on), and opens and plays its own run.</summary>
    public async Task StartAsync(string roomCode, string roomSessionId, string instructorTarget, string patternId, CancellationToken stop)
    {
        await connection.InvokeAsync<RoomJoined>("JoinRoom", roomCode, stop);
        var room = await connection.InvokeAsync<JsonElement>("GetSnapshot", roomSessionId, stop);
        _ = FollowInstructorAsync(roomSessionId, room.GetProperty("lastEventSequence").GetInt64(), instructorTarget, stop);
        ownId = (await connection.InvokeAsync<SessionCreated>("CreateSession", patternId, new { seed = seed + index + 1 }, stop)).SessionId;
        ownFaults = await connection.InvokeAsync<List<FaultInfo>>("ListFaults", ownId, stop);
        await connection.InvokeAsync<JsonElement>("Control", ownId, new { action = "play" }, stop);
    }

    /// <summary>Presses buttons until <paramref name="stopping"/> is set; a call in flight always finishes, so every answer is counted.</summary>
    public async Task FloodAsync(string roomSessionId, IReadOnlyList<FaultInfo> roomFaults, Func<bool> stopping)
    {
        while (!stopping() && connection.State == HubConnectionState.Connected)
        {
            bool onRoom = random.Next(5) == 0;
            var (name, args) = onRoom ? RandomCall(roomSessionId, roomFaults, 60) : RandomCall(ownId, ownFaults, ownTime);
            var clock = Stopwatch.StartNew();
            try
            {
                var answer = await connection.InvokeCoreAsync<JsonElement>(name, args);
                tally.AnswerTimes.Record(clock.ElapsedMilliseconds);
                tally.Answer(onRoom, name);
                if (!onRoom)
                {
                    Remember(name, answer);
                }
            }
            catch (HubException e)
            {
                tally.AnswerTimes.Record(clock.ElapsedMilliseconds);
                if (e.Message.Contains(HubInputErrorFilter.ServerFaultMessage, StringComparison.Ordinal) || !e.Message.Contains("Exception: ", StringComparison.Ordinal))
                {
                    tally.Fail($"{name}: {e.Message}");
                }
                else
                {
                    tally.Refuse();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || connection.State != HubConnectionState.Connected)
            {
                tally.Fail($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>A random button: a fault (with a random target and value), clearing one, play/pause/step/speed/reset, a jump or a run ahead.</summary>
    private (string Name, object?[] Args) RandomCall(string sessionId, IReadOnlyList<FaultInfo> faults, double reached)
    {
        switch (random.Next(12))
        {
            case < 4:
                var fault = faults[random.Next(faults.Count)];
                string? target = fault.Targets is { Count: > 0 } targets ? targets[random.Next(targets.Count)] : null;
                double? value = fault.Parameter is { } p ? Math.Round(p.Min + random.NextDouble() * (p.Max - p.Min)) : null;
                return ("InjectFault", [sessionId, new FaultInput { FaultId = fault.Id, Target = target, Value = value }]);
            case 4 when activeFaults.Count > 0 && sessionId == ownId:
                return ("ClearFault", [sessionId, activeFaults[random.Next(activeFaults.Count)]]);
            case 4 or 5:
                return ("Control", [sessionId, new ControlInput { Action = random.Next(3) switch { 0 => "play", 1 => "pause", _ => "step" } }]);
            case 6:
                return ("Control", [sessionId, new ControlInput { Action = "speed", Value = Math.Round(0.5 + random.NextDouble() * 9.5, 2) }]);
            case 7:
                return ("Control", [sessionId, new ControlInput { Action = "reset" }]);
            case 8 or 9:
                return ("TravelTo", [sessionId, Math.Round(random.NextDouble() * reached, 3)]);
            default:
                return ("RunFor", [sessionId, Math.Round(0.5 + random.NextDouble() * 4.5, 3)]);
        }
    }

    /// <summary>Keeps what the next random call needs: active fault ids, and how far the own run has got.</summary>
    private void Remember(string name, JsonElement answer)
    {
        if (name == "InjectFault" && answer.TryGetProperty("activeFaultId", out var id) && id.GetString() is { } active)
        {
            activeFaults.Add(active);
        }
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("simulatedTime", out var time))
        {
            ownTime = time.GetDouble();
            activeFaults.Clear();
            activeFaults.AddRange(answer.GetProperty("activeFaults").EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
        }
    }

    /// <summary>Counts each "Injected" fault entry on the instructor's target in the room's log, from when the student joined.</summary>
    private async Task FollowInstructorAsync(string roomSessionId, long afterSequence, string target, CancellationToken stop)
    {
        try
        {
            await foreach (var e in connection.StreamAsync<JsonElement>("StreamEvents", roomSessionId, afterSequence, stop))
            {
                if (e.GetProperty("kind").GetString() == "fault" && e.GetProperty("node").GetString() == target
                    && e.GetProperty("text").GetString()!.StartsWith("Injected:", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref actionsSeen);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HubException)
        {
        }
    }
}
