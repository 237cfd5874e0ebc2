using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Cqrs;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.Cqrs;

/// <summary>
/// CQRS, live: the write store and every read model side by side, each with its lag in events and seconds; the last
/// order as committed and where it is visible yet; stale reads and read-your-writes; read and write load apart.
/// </summary>
public partial class CqrsPage : PatternPageBase
{
    public override PatternDescriptor Pattern => CqrsPattern.Descriptor;

    public override INodePresenter Presenter => CqrsPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private CqrsDetails? Details => DetailsAs<CqrsDetails>();

    private string WorstLag => Details?.ReadModels.MaxBy(m => m.Backlog) is { } worst
        ? $"{worst.Backlog} events · {StoresSideBySide.Seconds(worst.SecondsBehind)}"
        : "—";

    private string StaleShare => Details is { Reads.Served: > 0 } d ? $"{100.0 * d.Reads.Stale / d.Reads.Served:F0} %" : "0 %";

    private List<SeriesView> ThroughputSeries =>
    [
        .. SeriesNamed(CqrsPattern.Metric.Reads).Select(s => s with { Name = "reads" }),
        .. SeriesNamed(CqrsPattern.Metric.StaleReads).Select(s => s with { Name = "stale reads" }),
        .. SeriesNamed(CqrsPattern.Metric.Writes).Select(s => s with { Name = "commits" }),
    ];

    private List<SeriesView> SeriesNamed(string name) => [.. (Snapshot?.Series ?? []).Where(s => s.Name == name)];
}
