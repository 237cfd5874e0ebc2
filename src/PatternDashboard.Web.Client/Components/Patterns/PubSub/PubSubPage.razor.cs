using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.PubSub;

/// <summary>
/// Publish-subscribe, live: broker, publishers and consumers with messages moving between them, the counters,
/// each subscription's queue and lag over time, the dead-letter queue with replay, faults, "break it" switches,
/// invariants and the event log.
/// </summary>
public partial class PubSubPage : PatternPageBase
{
    public override PatternDescriptor Pattern => PubSubPattern.Descriptor;

    public override INodePresenter Presenter => PubSubPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private PubSubDetails? Details => DetailsAs<PubSubDetails>();

    private IReadOnlyList<SubscriptionDetails> Subscriptions => Details?.Subscriptions ?? [];

    private IReadOnlyList<SeriesView> DepthSeries => SeriesStartingWith(PubSubPattern.Metric.DepthPrefix);

    private IReadOnlyList<SeriesView> LagSeries => SeriesStartingWith(PubSubPattern.Metric.LagPrefix);

    private List<SeriesView> SeriesStartingWith(string prefix) =>
        [.. (Snapshot?.Series ?? []).Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s with { Name = s.Name[prefix.Length..] })];
}
