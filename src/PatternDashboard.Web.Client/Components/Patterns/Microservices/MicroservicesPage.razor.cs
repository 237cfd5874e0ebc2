using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Microservices;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Web.Components.Patterns.Microservices;

/// <summary>
/// Microservices, live: which features work right now, each service's deployment drawn instance by instance with its
/// health, load and version, the gateway's workers, every fault and both break-it switches, invariants and the log.
/// </summary>
public partial class MicroservicesPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => MicroservicesPresenter.Instance;

    private MicroservicesDetails? Details => DetailsAs<MicroservicesDetails>();

    /// <summary>Each feature's served share on one chart, the traffic on another.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = State?.Snapshot?.Series ?? [];
            var works = Features.Select(f => Metric.Works(f.Id)).ToHashSet();
            yield return ("Requests served per feature, %", [.. series.Where(s => works.Contains(s.Name))]);
            yield return ("Requests and failures per second", [.. series.Where(s => s.Name is Metric.Requests or Metric.Failed)]);
        }
    }
}
