using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Fakes;

/// <summary>Snapshots and session states for component tests, shaped like the Leader Election cluster's.</summary>
public static class TestStates
{
    public static NodeView Raft(string id, string role, long term, string? votedFor = null, double timer = 0.4, string lifecycle = "up")
    {
        bool up = lifecycle == "up";
        return new NodeView(id, $"Node {id[1..]}", up ? role : lifecycle, up, lifecycle, new Dictionary<string, object?>
        {
            ["term"] = term,
            ["votedFor"] = votedFor,
            ["role"] = role,
            ["votes"] = role == "follower" ? 0 : 3,
            ["votesNeeded"] = 3,
            ["electionTimer"] = role == "leader" ? 0.0 : timer,
            ["electionTimeoutMs"] = 200.0,
        });
    }

    public static NodeView Client() => new("client", "Client", "client", true, "up", new Dictionary<string, object?> { ["sent"] = 10L });

    public static IReadOnlyList<NodeView> FiveFollowers(long term = 0) =>
        [.. Enumerable.Range(1, 5).Select(i => Raft($"n{i}", "follower", term))];

    public static LeaderElectionDetails Details(
        string? leader = null, long term = 0, IReadOnlyList<LeadershipSpan>? timeline = null,
        long accepted = 0, long rejected = 0, double withoutLeader = 0, bool breakQuorum = false) =>
        new(leader, term, timeline ?? [], withoutLeader, accepted, rejected, breakQuorum, 0.15, 0.3);

    public static SimulationSnapshot Snapshot(
        IReadOnlyList<NodeView>? nodes = null,
        double time = 0,
        IReadOnlyList<LinkView>? links = null,
        IReadOnlyList<MessageView>? messages = null,
        IReadOnlyList<ActiveFault>? faults = null,
        IReadOnlyList<InvariantView>? invariants = null,
        IReadOnlyList<SeriesView>? series = null,
        object? details = null,
        long seed = 7) =>
        new(LeaderElectionPattern.Id, seed, time, 0, nodes ?? FiveFollowers(), links ?? [], messages ?? [], faults ?? [],
            invariants ?? [new InvariantView("election-safety", "At most one leader per term", true, 0, null, null)],
            new Dictionary<string, double>(), series ?? [], details ?? Details());

    public static SessionState State(
        SimulationSnapshot snapshot, string sessionId = "fake-1", SessionStatus status = SessionStatus.Paused, double speed = 1,
        long lastEventSequence = 0, int generation = 0, FastForwardProgress? fastForward = null) =>
        new(sessionId, snapshot, status, speed, fastForward, lastEventSequence, generation);

    public static SessionState LeaderElection(string sessionId = "fake-1") => State(Snapshot(), sessionId);

    public static SimulationEvent Event(long sequence, double seconds, string? node, string kind, string text) =>
        new(sequence, TimeSpan.FromSeconds(seconds), node, kind, text);
}
