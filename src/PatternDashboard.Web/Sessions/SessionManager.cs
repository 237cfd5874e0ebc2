using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// Every live session of the server. Admission checks the limits and adds the session in one step, so two
/// requests at once cannot both take the last place.
/// </summary>
public sealed partial class SessionManager : ISessionManager, IDisposable
{
    /// <summary>The pattern option that <see cref="CreateSessionRequest.NodeCount"/> sets.</summary>
    public const string NodeCountOption = "nodeCount";

    /// <summary>Owner id prefix of rooms' sessions ("room:" and the join code); rooms expire them on their own schedule.</summary>
    public const string RoomOwnerPrefix = "room:";

    private readonly ConcurrentDictionary<string, SimulationSession> sessions = new(StringComparer.Ordinal);
    private readonly Lock admission = new();
    private readonly PatternRegistry registry;
    private readonly SessionLimits options;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;

    public SessionManager(PatternRegistry registry, IOptions<SessionLimits> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        this.registry = registry;
        this.options = options.Value;
        this.time = time;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<SessionManager>();
    }

    public int Count => sessions.Count;

    public SessionLimits Options => options;

    /// <summary>The open sessions, for the pacer.</summary>
    internal ICollection<SimulationSession> Sessions => sessions.Values;

    public ISimulationSession Create(string ownerId, string patternId, CreateSessionRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (string.IsNullOrWhiteSpace(patternId))
        {
            throw new SimulationInputException($"A pattern id is required. Known patterns: {string.Join(", ", registry.All.Select(p => p.Id))}.");
        }
        var pattern = registry.Get(patternId);
        request ??= new CreateSessionRequest();
        var patternOptions = WithNodeCount(pattern, request);
        CheckRoomFor(ownerId);
        long seed = request.Seed ?? PickSeed();
        var simulation = pattern.CreateSimulation(seed, patternOptions);
        return Admit(ownerId, simulation);
    }

    public ISimulationSession Import(string ownerId, Recording recording)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (recording is null)
        {
            throw new SimulationInputException("A recording is required.");
        }
        recording.Validate();
        var maxReplay = TimeSpan.FromMinutes(options.MaxReplayMinutes);
        if (recording.Inputs.Count > 0 && TimeSpan.FromTicks(recording.Inputs[^1].TimeTicks) > maxReplay)
        {
            throw new SimulationInputException(
                $"The recording runs {TimeSpan.FromTicks(recording.Inputs[^1].TimeTicks).TotalMinutes:0.#} simulated minutes; imports replay at most {options.MaxReplayMinutes}.");
        }
        if (recording.Inputs.Count > 0 && recording.Inputs[^1].AfterEvents > options.MaxReplayEvents)
        {
            throw new SimulationInputException(
                $"The recording's last input comes after {recording.Inputs[^1].AfterEvents:N0} events; imports replay at most {options.MaxReplayEvents:N0}.");
        }
        // The imported run reaches its last bookmark too, so every bookmark can be jumped to at once.
        var lastInput = recording.Inputs.Count > 0 ? TimeSpan.FromTicks(recording.Inputs[^1].TimeTicks) : TimeSpan.Zero;
        var lastBookmark = recording.Bookmarks is { Count: > 0 } marks ? TimeSpan.FromTicks(marks.Max(b => b.TimeTicks)) : TimeSpan.Zero;
        if (lastBookmark > maxReplay)
        {
            throw new SimulationInputException(
                $"The recording's last bookmark is at {lastBookmark.TotalMinutes:0.#} simulated minutes; imports replay at most {options.MaxReplayMinutes}.");
        }
        CheckRoomFor(ownerId);
        SimulationBase simulation;
        try
        {
            simulation = registry.Replay(recording, lastBookmark > lastInput ? lastBookmark : null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new SimulationInputException($"The recording cannot be replayed: {e.Message}");
        }
        var session = Admit(ownerId, simulation);
        session.RestoreBookmarks(recording.Bookmarks, TimeSpan.MaxValue);
        return session;
    }

    public ISimulationSession Get(string sessionId) =>
        Find(sessionId)
        ?? throw new SimulationInputException(string.IsNullOrWhiteSpace(sessionId)
            ? "A session id is required."
            : $"Unknown session '{sessionId}'. It may have been closed, or closed after {options.IdleEvictionMinutes} idle minutes.");

    public ISimulationSession? Find(string sessionId) =>
        sessionId is not null && sessions.TryGetValue(sessionId, out var session) ? session : null;

    public IReadOnlyList<ISimulationSession> ListByOwner(string ownerId) =>
        [.. sessions.Values.Where(s => s.OwnerId == ownerId).OrderBy(s => s.CreatedAt)];

    public void Close(string sessionId)
    {
        if (sessionId is not null && sessions.TryRemove(sessionId, out var session))
        {
            session.Dispose();
            logger.LogInformation("Closed session {SessionId} ({PatternId}); {Count} open.", session.Id, session.Pattern.Id, sessions.Count);
        }
    }

    /// <summary>Closes every session nobody watched or used for <see cref="SessionLimits.IdleEvictionMinutes"/>; returns how many.</summary>
    public int EvictIdle()
    {
        var now = time.GetUtcNow();
        int evicted = 0;
        foreach (var session in sessions.Values)
        {
            if (session.OwnerId.StartsWith(RoomOwnerPrefix, StringComparison.Ordinal))
            {
                continue; // a room keeps its session until the room expires (Rooms:IdleMinutes)
            }
            if (session.IsIdle(now, options.IdleEviction) && sessions.TryRemove(session.Id, out _))
            {
                session.Dispose();
                evicted++;
            }
        }
        if (evicted > 0)
        {
            logger.LogInformation("Closed {Evicted} idle sessions; {Count} open.", evicted, sessions.Count);
        }
        return evicted;
    }

    /// <summary>Moves every running session on by one tick; sessions tick in parallel so one slow session delays no other for long.</summary>
    internal void TickAll()
    {
        var open = sessions.Values.ToArray();
        if (open.Length == 1)
        {
            open[0].Tick();
        }
        else if (open.Length > 1)
        {
            Parallel.ForEach(open, session => session.Tick());
        }
    }

    public void Dispose()
    {
        foreach (var id in sessions.Keys)
        {
            Close(id);
        }
    }

    private static IReadOnlyDictionary<string, double>? WithNodeCount(PatternDescriptor pattern, CreateSessionRequest request)
    {
        if (request.NodeCount is not { } nodeCount)
        {
            return request.Options;
        }
        if (!pattern.Options.Any(o => o.Name == NodeCountOption))
        {
            throw new SimulationInputException($"Pattern '{pattern.Id}' has a fixed number of nodes; leave nodeCount out.");
        }
        var merged = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Options ?? new Dictionary<string, double>())
        {
            merged[name] = value;
        }
        if (merged.TryGetValue(NodeCountOption, out double given) && given != nodeCount)
        {
            throw new SimulationInputException($"nodeCount is given twice, as {nodeCount} and as option {given}; give it once.");
        }
        merged[NodeCountOption] = nodeCount;
        return merged;
    }

    /// <summary>A seed for a session that asked for none; small enough to read aloud and type back in.</summary>
    private static long PickSeed() => Random.Shared.NextInt64(1, 1_000_000_000);

    private static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private SimulationSession Admit(string ownerId, SimulationBase simulation)
    {
        lock (admission)
        {
            CheckRoomFor(ownerId);
            simulation.Log.Resize(options.EventLogCapacity);
            var session = new SimulationSession(NewSessionId(), ownerId, simulation, options, time, loggerFactory.CreateLogger<SimulationSession>());
            sessions[session.Id] = session;
            logger.LogInformation("Opened session {SessionId} ({PatternId}, seed {Seed}) for {OwnerId}; {Count} open.",
                session.Id, simulation.Pattern.Id, simulation.Seed, ownerId, sessions.Count);
            return session;
        }
    }

    private void CheckRoomFor(string ownerId)
    {
        int owned = sessions.Values.Count(s => s.OwnerId == ownerId);
        if (owned >= options.MaxSessionsPerOwner)
        {
            throw new SessionLimitException(owned == 1
                ? "You already have a session open and one is the limit; close it first."
                : $"You already have {owned} sessions open; close one first (the limit is {options.MaxSessionsPerOwner}).");
        }
        if (sessions.Count >= options.MaxTotalSessions)
        {
            throw new SessionLimitException($"The server already runs its limit of {options.MaxTotalSessions} sessions; try again in a few minutes.");
        }
    }
}
