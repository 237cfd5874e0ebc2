using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.EventSourcing;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.EventSourcing;

/// <summary>
/// Event sourcing, live: the store, two tellers and a projector; the followed account's stream with a slider that
/// rebuilds the account and its read-model row at any event; snapshots and replay cost; conflicts as they happen.
/// </summary>
public partial class EventSourcingPage : PatternPageBase
{
    public override PatternDescriptor Pattern => EventSourcingPattern.Descriptor;

    public override INodePresenter Presenter => EventSourcingPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private EventSourcingDetails? Details => DetailsAs<EventSourcingDetails>();

    private FollowedStream? Followed => Details?.Followed;

    private List<SeriesView> ReplaySeries =>
    [
        .. SeriesNamed(EventSourcingPattern.Metric.ReadWithSnapshots).Select(s => s with { Name = "with snapshots" }),
        .. SeriesNamed(EventSourcingPattern.Metric.ReadFromZero).Select(s => s with { Name = "from zero" }),
    ];

    private List<SeriesView> SeriesNamed(string name) => [.. (Snapshot?.Series ?? []).Where(s => s.Name == name)];
}
