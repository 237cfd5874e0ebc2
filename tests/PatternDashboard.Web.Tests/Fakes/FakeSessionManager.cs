using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Fakes;

/// <summary>Hands out <see cref="FakeSimulationSession"/>s and records who asked for what.</summary>
public sealed class FakeSessionManager : ISessionManager
{
    private readonly Dictionary<string, FakeSimulationSession> sessions = [];

    /// <summary>The state a new session starts from. Default: a five-node Leader Election cluster before any election.</summary>
    public Func<string, SessionState> InitialState { get; set; } = id => TestStates.LeaderElection(id);

    /// <summary>When set, builds each new session from (id, owner), for a page of another pattern. Default: none (Leader Election).</summary>
    public Func<string, string, FakeSimulationSession>? NewSession { get; set; }

    /// <summary>When set, <see cref="Create"/> throws it (a limit, a bad pattern id).</summary>
    public Exception? CreateError { get; set; }

    public List<(string Owner, string PatternId, CreateSessionRequest Request)> Created { get; } = [];

    public List<string> ClosedIds { get; } = [];

    public int Count => sessions.Count;

    public FakeSimulationSession Add(FakeSimulationSession session)
    {
        sessions[session.Id] = session;
        return session;
    }

    public FakeSimulationSession Session(string id) => sessions[id];

    public ISimulationSession Create(string ownerId, string patternId, CreateSessionRequest request)
    {
        if (CreateError is { } error)
        {
            throw error;
        }
        Created.Add((ownerId, patternId, request));
        string id = $"fake-{Created.Count}";
        return Add(NewSession?.Invoke(id, ownerId) ?? new FakeSimulationSession(id, InitialState(id)) { OwnerId = ownerId });
    }

    public ISimulationSession Import(string ownerId, Recording recording) => throw new NotSupportedException();

    /// <summary>Forks requested, as (owner, source session id).</summary>
    public List<(string Owner, string SourceId)> Forked { get; } = [];

    /// <summary>A copy with the source's current state, as a replay would give.</summary>
    public Task<ISimulationSession> ForkAsync(string ownerId, ISimulationSession source, CancellationToken cancellationToken = default)
    {
        Forked.Add((ownerId, source.Id));
        string id = $"fork-{Forked.Count}";
        ISimulationSession fork = Add(new FakeSimulationSession(id, source.Current with { SessionId = id }) { OwnerId = ownerId, Pattern = source.Pattern });
        return Task.FromResult(fork);
    }

    public ISimulationSession Get(string sessionId) =>
        Find(sessionId) ?? throw new SimulationInputException($"No session has the id '{sessionId}'.");

    public ISimulationSession? Find(string sessionId) => sessions.GetValueOrDefault(sessionId);

    public IReadOnlyList<ISimulationSession> ListByOwner(string ownerId) => [.. sessions.Values.Where(s => s.OwnerId == ownerId)];

    public void Close(string sessionId)
    {
        ClosedIds.Add(sessionId);
        if (sessions.Remove(sessionId, out var session))
        {
            session.Close();
        }
    }
}
