using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.LeaderElection;

/// <summary>
/// Raft leader election, live: the cluster with roles as text and shape, each node's term, vote and election timer,
/// who led when, client writes, every fault, the "any two votes win" switch, invariants and the event log.
/// </summary>
public partial class LeaderElectionPage : PatternPageBase
{
    public override PatternDescriptor Pattern => LeaderElectionPattern.Descriptor;

    public override INodePresenter Presenter => LeaderElectionPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private LeaderElectionDetails? Details => DetailsAs<LeaderElectionDetails>();

    private IReadOnlyList<string> MemberIds =>
        [.. (Snapshot?.Nodes ?? []).Where(n => !LeaderElectionPresenter.IsClient(n)).Select(n => n.Id)];

    private string LeaderText => Details switch
    {
        { LeaderId: { } leader } details => $"{leader} (term {details.HighestTerm})",
        null => "—",
        _ => "none: election under way",
    };

    private string ElectionTimeoutText => Details is { } d
        ? $"{UiFormat.Number(d.ElectionTimeoutMin * 1000)} to {UiFormat.Number(d.ElectionTimeoutMax * 1000)} ms"
        : "—";

    /// <summary>Write rates share one chart; every other series gets its own.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            var writes = series.Where(s => s.Name is LeaderElectionPattern.Metric.WritesAccepted or LeaderElectionPattern.Metric.WritesRejected).ToList();
            if (writes.Count > 0)
            {
                yield return ("Client writes per second", writes);
            }
            foreach (var other in series.Except(writes))
            {
                yield return (char.ToUpperInvariant(other.Name[0]) + other.Name[1..], [other]);
            }
        }
    }
}
