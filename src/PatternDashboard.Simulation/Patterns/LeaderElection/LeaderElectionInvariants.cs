using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>
/// Election Safety: at most one leader per term. It remembers who won each term, so a second winner is
/// caught even after the first one stepped down or crashed.
/// </summary>
public sealed class ElectionSafetyMonitor(IReadOnlyList<RaftNode> nodes)
    : InvariantMonitor(MonitorId, "Election Safety: at most one leader per term")
{
    public const string MonitorId = "election-safety";

    /// <summary>Terms remembered; the oldest are forgotten first, which bounds memory in a long session.</summary>
    public const int RememberedTerms = 1000;

    private readonly Dictionary<long, RaftNode> winners = [];
    private readonly Queue<long> remembered = new();

    public override string? Check()
    {
        string? problem = null;
        foreach (var node in nodes)
        {
            if (node.Role != RaftRole.Leader)
            {
                continue;
            }
            if (!winners.TryGetValue(node.CurrentTerm, out var first))
            {
                Remember(node.CurrentTerm, node);
            }
            else if (first != node)
            {
                problem ??= $"Term {node.CurrentTerm} has two leaders: {first.Label} and {node.Label}.";
            }
        }
        return problem;
    }

    private void Remember(long term, RaftNode leader)
    {
        winners.Add(term, leader);
        remembered.Enqueue(term);
        if (remembered.Count > RememberedTerms)
        {
            winners.Remove(remembered.Dequeue());
        }
    }
}

/// <summary>
/// Liveness: once the cluster is healthy (no active fault, every node up, quorums intact) a live leader
/// appears within ten maximum election timeouts. While anything is broken it holds by definition:
/// no protocol can promise a leader without a reachable majority.
/// </summary>
public sealed class LeaderLivenessMonitor(LeaderElectionCluster cluster)
    : InvariantMonitor(MonitorId, "After the network heals and a majority is up, a leader appears within 10 election timeouts (max)")
{
    public const string MonitorId = "leader-liveness";

    public const int TimeoutsAllowed = 10;

    private TimeSpan? leaderlessSince;

    public override string? Check()
    {
        if (!cluster.IsHealthy || cluster.Leader is not null)
        {
            leaderlessSince = null;
            return null;
        }
        var now = cluster.Clock.Now;
        leaderlessSince ??= now;
        var waited = now - leaderlessSince.Value;
        return waited > TimeoutsAllowed * cluster.Settings.ElectionTimeoutMax
            ? $"No leader for {waited.TotalSeconds:0.###} s although the cluster has been healthy; the limit is {TimeoutsAllowed} × {cluster.Settings.ElectionTimeoutMax.TotalMilliseconds:0} ms."
            : null;
    }
}
