using PatternDashboard.Simulation.Kernel;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PatternDashboard.Web.Hosting;

namespace PatternDashboard.Web.Hubs;

/// <summary>
/// Limits the hub calls worth repeating by the thousand: room-code guesses (JoinRoom, ClaimRoom), new sessions
/// (CreateSession, ImportRecording, CreateComparison, ImportComparison), new rooms (CreateRoom, CreateRoomFromSession) and message-sequence diagrams (GetSequenceDiagram), per connection and per client address, as
/// <see cref="ClientRateLimits"/> sets. A call over a limit is refused before it runs, saying how long to wait.
/// </summary>
public sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly Dictionary<string, Limit> byMethod;
    private readonly Limit codes;
    private readonly Limit[] limits;

    public HubRateLimitFilter(IOptions<ClientRateLimits> options)
    {
        var o = options.Value;
        codes = new Limit("Too many room codes tried", o.RoomCodeGuessesPerConnection, o.RoomCodeGuessesPerAddress, o.Window);
        var sessions = new Limit("Too many sessions started", o.SessionsPerConnection, o.SessionsPerAddress, o.Window);
        var rooms = new Limit("Too many rooms opened", o.RoomsPerConnection, o.RoomsPerAddress, o.Window);
        var diagrams = new Limit("Too many sequence diagrams asked for", o.SequenceDiagramsPerConnection, o.SequenceDiagramsPerAddress, o.Window);
        limits = [codes, sessions, rooms, diagrams];
        byMethod = new(StringComparer.Ordinal)
        {
            [nameof(SimulationHub.JoinRoom)] = codes,
            [nameof(SimulationHub.ClaimRoom)] = codes,
            [nameof(SimulationHub.CreateSession)] = sessions,
            [nameof(SimulationHub.ImportRecording)] = sessions,
            [nameof(SimulationHub.CreateComparison)] = sessions,
            [nameof(SimulationHub.ImportComparison)] = sessions,
            [nameof(SimulationHub.CreateRoom)] = rooms,
            [nameof(SimulationHub.CreateRoomFromSession)] = rooms,
            [nameof(SimulationHub.GetSequenceDiagram)] = diagrams,
        };
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (byMethod.TryGetValue(invocationContext.HubMethodName, out var limit))
        {
            var context = invocationContext.Context;
            limit.Take(context.ConnectionId, ClientAddress.Of(context.GetHttpContext()));
        }
        return next(invocationContext);
    }

    /// <summary>
    /// Counts a room code typed into the join page's form, which reaches the server over the page's own connection
    /// rather than the hub; <paramref name="caller"/> names that browser. Over the limit it throws
    /// <see cref="SimulationInputException"/> saying how long to wait.
    /// </summary>
    public void TakeRoomCodeGuess(string caller)
    {
        try
        {
            codes.TakeForConnection(caller);
        }
        catch (HubException e)
        {
            throw new SimulationInputException(e.Message);
        }
    }

    public void Dispose()
    {
        foreach (var limit in limits)
        {
            limit.Dispose();
        }
    }

    /// <summary>One kind of call, counted per connection and per address; idle counters are dropped by the limiter itself.</summary>
    private sealed class Limit(string refusal, int perConnection, int perAddress, TimeSpan window) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> connections = FixedWindow(perConnection, window);
        private readonly PartitionedRateLimiter<string> addresses = FixedWindow(perAddress, window);

        public void Take(string connectionId, string address)
        {
            Acquire(connections, connectionId, $"the limit is {perConnection} per connection");
            Acquire(addresses, address, $"the limit is {perAddress} per address");
        }

        public void TakeForConnection(string connectionId) =>
            Acquire(connections, connectionId, $"the limit is {perConnection} per connection");

        public void Dispose()
        {
            connections.Dispose();
            addresses.Dispose();
        }

        private void Acquire(PartitionedRateLimiter<string> limiter, string key, string which)
        {
            using var lease = limiter.AttemptAcquire(key);
            if (!lease.IsAcquired)
            {
                throw new HubException($"{refusal}; wait {ClientAddress.WaitSeconds(lease, window)} seconds ({which} every {window.TotalSeconds:0} seconds).");
            }
        }

        private static PartitionedRateLimiter<string> FixedWindow(int permits, TimeSpan window) =>
            PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            }));
    }
}
