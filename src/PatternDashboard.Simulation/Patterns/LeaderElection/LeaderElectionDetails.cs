namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>One leader's reign: who led in which term, from when to when (End is null while it lasts).</summary>
public sealed record LeadershipSpan(long Term, string LeaderId, double Start, double? End);

/// <summary>What the Leader Election page shows beyond the nodes themselves.</summary>
/// <param name="LeaderId">The leader of the highest term that has one and is up, or null during an election.</param>
/// <param name="Timeline">The latest reigns, oldest first (bounded); gaps between them are time without a leader.</param>
/// <param name="TimeWithoutLeader">Total simulated seconds with no live leader.</param>
/// <param name="BreakQuorum">True while the "any two votes are a quorum" switch is on.</param>
public sealed record LeaderElectionDetails(
    string? LeaderId,
    long HighestTerm,
    IReadOnlyList<LeadershipSpan> Timeline,
    double TimeWithoutLeader,
    long WritesAccepted,
    long WritesRejected,
    bool BreakQuorum,
    double ElectionTimeoutMin,
    double ElectionTimeoutMax);
