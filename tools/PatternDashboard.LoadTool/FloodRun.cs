using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.LoadTool;

/// <summary>
/// A flood: many hub clients pressing random buttons on their own runs and on one room, as fast as answers come,
/// while the room's instructor crashes and restarts a node every second. It counts answers, refusals and failures,
/// the server's logged errors, its heap before and after, and whether every student saw every instructor action.
/// </summary>
internal sealed class FloodRun(LoadToolOptions options, TextWriter progress)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);

    /// <summary>Over the app's own settings: each client holds a session of its own, beside the room's.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(int clients) => new Dictionary<string, string?>
    {
        ["Sessions:MaxTotalSessions"] = (clients + 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task<FloodResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var app = AppUnderTest.Start(options, Settings(options.FloodClients));
        progress.WriteLine($"App: {app.BaseAddress} (started in this process)");
        await using var instructor = await app.ConnectAsync(cancellationToken);
        var room = await instructor.InvokeAsync<RoomCreatedInfo>("CreateRoom", options.PatternId, new { seed = options.Seed }, cancellationToken);
        await instructor.InvokeAsync<JsonElement>("Control", room.SessionId, new { action = "play" }, cancellationToken);
        var roomFaults = await instructor.InvokeAsync<List<FaultInfo>>("ListFaults", room.SessionId, cancellationToken);
        string target = await InstructorActions.PickTargetAsync(instructor, room.SessionId, cancellationToken)
            ?? throw new InvalidOperationException($"Pattern '{options.PatternId}' has no crash and restart faults for the instructor to press.");
        progress.WriteLine($"Room {room.RoomCode} ({options.PatternId}, seed {options.Seed}); opening {options.FloodClients} clients...");

        var tally = new FloodTally();
        var clients = new List<FloodClient>();
        using var stop = new CancellationTokenSource();
        try
        {
            const int Batch = 20;
            for (int opened = 0; opened < options.FloodClients; opened += Batch)
            {
                var batch = await Task.WhenAll(Enumerable.Range(opened, Math.Min(Batch, options.FloodClients - opened)).Select(async i =>
                {
                    var client = new FloodClient(await app.ConnectAsync(cancellationToken), i, options.Seed, tally);
                    await client.StartAsync(room.RoomCode, room.SessionId, target, options.PatternId, stop.Token);
                    return client;
                }));
                clients.AddRange(batch);
            }
            await Task.Delay(Settle, cancellationToken);
            long? heapStart = LoadRun.ManagedHeapAfterFullCollection(app);

            progress.WriteLine($"Flooding for {options.Duration.TotalSeconds:0} s; the instructor crashes and restarts {target} every {InstructorActions.Interval.TotalSeconds:0} s...");
            bool stopping = false;
            var flooding = clients.Select(c => Task.Run(() => c.FloodAsync(room.SessionId, roomFaults, () => Volatile.Read(ref stopping)), CancellationToken.None)).ToList();
            var (sent, accepted) = await InstructAsync(instructor, room.SessionId, target, options.Duration, progress, tally, cancellationToken);
            Volatile.Write(ref stopping, true);
            await Task.WhenAll(flooding);

            // The students' event streams may trail the last actions; give them a moment to catch up.
            var deadline = DateTime.UtcNow + CatchUp;
            while (clients.Any(c => c.ActionsSeen < accepted) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
            long? heapEnd = LoadRun.ManagedHeapAfterFullCollection(app);
            return new FloodResult(
                options, tally, sent, accepted,
                clients.Count(c => c.ActionsSeen == accepted), clients.Count == 0 ? 0 : clients.Min(c => c.ActionsSeen),
                app.Errors!.Count, app.Errors.First, heapStart, heapEnd);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients.Select(c => c.Connection.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Crash, then restart, the target every second for the duration; returns the actions sent and those the room carried out.</summary>
    private static async Task<(int Sent, int Accepted)> InstructAsync(
        HubConnection instructor, string sessionId, string target, TimeSpan duration, TextWriter progress, FloodTally tally, CancellationToken cancellationToken)
    {
        var end = DateTime.UtcNow + duration;
        var nextReport = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        int sent = 0, accepted = 0;
        bool crash = true;
        while (DateTime.UtcNow < end)
        {
            await Task.Delay(InstructorActions.Interval, cancellationToken);
            sent++;
            try
            {
                // No cancellation once sent, so every action is known to be carried out or refused.
                await instructor.InvokeAsync<FaultInjected>("InjectFault", sessionId,
                    new FaultInput { FaultId = crash ? "crash" : "restart", Target = target }, CancellationToken.None);
                accepted++;
            }
            catch (HubException)
            {
            }
            crash = !crash;
            if (DateTime.UtcNow >= nextReport)
            {
                nextReport += TimeSpan.FromMinutes(1);
                progress.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} answered {tally.Answered}, refused {tally.Refused}, failed {tally.Failed}, instructor actions {accepted}/{sent}");
            }
        }
        return (sent, accepted);
    }
}

/// <summary>The figures of one flood run.</summary>
internal sealed record FloodResult(
    LoadToolOptions Options,
    FloodTally Tally,
    int ActionsSent,
    int ActionsAccepted,
    int StudentsWhoSawEveryAction,
    long FewestActionsSeen,
    long ServerErrors,
    IReadOnlyList<string> FirstServerErrors,
    long? HeapStart,
    long? HeapEnd)
{
    public string Format()
    {
        var t = Tally;
        var lines = new List<string>
        {
            $"Flood: {Options.FloodClients} hub clients for {Options.Duration.TotalSeconds:0} s ({Options.PatternId}, seed {Options.Seed}, in-process app at {Options.UpdatesPerSecond} updates/s)",
            $"Calls: {t.Answered + t.Refused + t.Failed} ({t.Answered} answered, {t.Refused} refused, {t.Failed} failed); room calls a student got carried out: {t.RoomAnswered}",
            $"Answer time (ms): p50 {t.AnswerTimes.Percentile(50)}  p90 {t.AnswerTimes.Percentile(90)}  p99 {t.AnswerTimes.Percentile(99)}  max {t.AnswerTimes.Max}",
            $"Unhandled server exceptions (errors logged): {ServerErrors}",
            $"Server heap after a full collection: start {Mb(HeapStart)}, end {Mb(HeapEnd)} (this process: the server and the tool's clients)",
            $"Instructor actions: {ActionsSent} sent, {ActionsAccepted} carried out; students who saw every one: {StudentsWhoSawEveryAction} of {Options.FloodClients} (fewest seen {FewestActionsSeen})",
        };
        lines.AddRange(t.FirstFailures.Select(f => "  failure: " + f));
        lines.AddRange(FirstServerErrors.Select(e => "  server error: " + e));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:0.0} MB" : "n/a";
}
