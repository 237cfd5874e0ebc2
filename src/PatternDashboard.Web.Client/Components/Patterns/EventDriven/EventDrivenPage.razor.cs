using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.EventDriven;

/// <summary>
/// Event-driven architecture, live: the sign-up service, the event bus and the services with their own state,
/// registrations' success and latency, each service's backlog, faults, the synchronous-calls switch, invariants
/// and the event log.
/// </summary>
public partial class EventDrivenPage : PatternPageBase
{
    public override PatternDescriptor Pattern => EventDrivenPattern.Descriptor;

    public override INodePresenter Presenter => EventDrivenPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private EventDrivenDetails? Details => DetailsAs<EventDrivenDetails>();

    private List<SeriesView> SuccessSeries => SeriesNamed(EventDrivenPattern.Metric.RegistrationsSucceeded);

    private List<SeriesView> LatencySeries => SeriesNamed(EventDrivenPattern.Metric.RegistrationLatency);

    private List<SeriesView> BacklogSeries => SeriesStartingWith(EventDrivenPattern.Metric.DepthPrefix);

    private List<SeriesView> SeriesNamed(string name) => [.. (Snapshot?.Series ?? []).Where(s => s.Name == name)];

    private List<SeriesView> SeriesStartingWith(string prefix) =>
        [.. (Snapshot?.Series ?? []).Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s with { Name = s.Name[prefix.Length..] })];
}
