using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// A classroom on this machine: one instructor and N students follow a running Leader Election room through the hub
/// over loopback WebSockets. The instructor crashes and heals a node again and again; each student's stream is timed
/// from the instructor's call to the first snapshot that shows the change. Run with
/// <c>dotnet run -c Release --project benchmarks/PatternDashboard.Benchmarks -- room-load [students] [rounds]</c>.
/// The server and every client share the process, so the delays include the clients' own work.
/// </summary>
public static class RoomLoad
{
    public static async Task RunAsync(int students, int rounds)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPatternDashboard();
        await using var app = builder.Build();
        app.MapHub<SimulationHub>(SimulationHub.Path);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var hubUrl = new Uri(new Uri(address), SimulationHub.Path);

        await using var instructor = await ConnectAsync(hubUrl);
        var room = await instructor.InvokeAsync<JsonElement>("CreateRoom", "leader-election", new { seed = 1 });
        string code = room.GetProperty("roomCode").GetString()!;
        string sessionId = room.GetProperty("sessionId").GetString()!;
        await instructor.InvokeAsync<JsonElement>("Control", sessionId, new { action = "play" });

        var viewers = new List<Viewer>();
        for (int i = 0; i < students; i++)
        {
            var connection = await ConnectAsync(hubUrl);
            await connection.InvokeAsync<JsonElement>("JoinRoom", code);
            viewers.Add(new Viewer(connection, sessionId));
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // every stream delivers before timing starts

        var delays = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long snapshotsBefore = viewers.Sum(v => v.Received);
        for (int round = 0; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var injected = await instructor.InvokeAsync<JsonElement>("InjectFault", sessionId, new { faultId = "crash", target = "n1" });
            string activeId = injected.GetProperty("activeFaultId").GetString()!;
            var seen = await Task.WhenAll(viewers.Select(v => v.WaitForAsync(activeId, present: true)));
            delays.AddRange(seen.Select(at => Stopwatch.GetElapsedTime(started, at).TotalMilliseconds));
            await instructor.InvokeAsync("ClearFault", sessionId, activeId);
            await Task.WhenAll(viewers.Select(v => v.WaitForAsync(activeId, present: false)));
            await Task.Delay(200);
        }
        double seconds = wall.Elapsed.TotalSeconds;
        double cpuShare = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / seconds / Environment.ProcessorCount;
        double perViewerRate = (viewers.Sum(v => v.Received) - snapshotsBefore) / seconds / students;

        delays.Sort();
        Console.WriteLine($"Room load: {students} students + 1 instructor on {Environment.ProcessorCount} cores, {rounds} crash/heal rounds in {seconds:0.0} s");
        Console.WriteLine($"  update delay, instructor's call to a student's snapshot: median {Percentile(delays, 0.5):0} ms, p95 {Percentile(delays, 0.95):0} ms, max {delays[^1]:0} ms");
        Console.WriteLine($"  snapshots per student per second: {perViewerRate:0.0}; process CPU: {cpuShare:P0} of the machine");

        foreach (var viewer in viewers)
        {
            await viewer.DisposeAsync();
        }
        await app.StopAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<HubConnection> ConnectAsync(Uri url)
    {
        var connection = new HubConnectionBuilder().WithUrl(url).Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>One student's snapshot stream, remembering when each active fault id was first and last seen.</summary>
    private sealed class Viewer : IAsyncDisposable
    {
        private readonly HubConnection connection;
        private readonly CancellationTokenSource stop = new();
        private readonly Task reading;
        private readonly Lock gate = new();
        private readonly List<(string Id, bool Present, TaskCompletionSource<long> Seen)> waiting = [];
        private HashSet<string> active = [];
        private long received;

        public Viewer(HubConnection connection, string sessionId)
        {
            this.connection = connection;
            reading = ReadAsync(sessionId);
        }

        public long Received => Interlocked.Read(ref received);

        public Task<long> WaitForAsync(string activeFaultId, bool present)
        {
            lock (gate)
            {
                var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (active.Contains(activeFaultId) == present)
                {
                    seen.SetResult(Stopwatch.GetTimestamp());
                }
                else
                {
                    waiting.Add((activeFaultId, present, seen));
                }
                return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        private async Task ReadAsync(string sessionId)
        {
            try
            {
                await foreach (var snapshot in connection.StreamAsync<JsonElement>("StreamSnapshots", sessionId, stop.Token))
                {
                    long now = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref received);
                    var ids = snapshot.GetProperty("activeFaults").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToHashSet();
                    lock (gate)
                    {
                        active = ids;
                        waiting.RemoveAll(w => ids.Contains(w.Id) == w.Present && w.Seen.TrySetResult(now));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await reading;
            await connection.DisposeAsync();
        }
    }
}
