using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Ambassador;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.Ambassador;

/// <summary>
/// Ambassador, live: the application, its helper and the remote service; attempts against requests, attempts per
/// request, the helper's own log, every fault and the retry-storm switch, invariants and the event log.
/// </summary>
public partial class AmbassadorPage : PatternPageBase
{
    public override PatternDescriptor Pattern => AmbassadorPattern.Descriptor;

    public override INodePresenter Presenter => AmbassadorPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private AmbassadorDetails? Details => DetailsAs<AmbassadorDetails>();

    private string AmbassadorStatus => Details switch
    {
        null => "—",
        { AmbassadorUp: false } => "crashed: calls get no answer",
        { Bypassed: true } => "bypassed: the app calls directly",
        { RetryStorm: true } => "retry storm: no backoff, no budget",
        _ => "exponential backoff, jitter, budget",
    };

    private double BarPercent(long count)
    {
        long max = Details?.AttemptHistogram.Max() ?? 0;
        return max == 0 ? 0 : 100.0 * count / max;
    }

    /// <summary>Attempts against requests on one chart (the retry storm shows as the gap), then outcomes, then latency.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            IReadOnlyList<SeriesView> Pick(params string[] names) => [.. series.Where(s => names.Contains(s.Name))];
            yield return ("Attempts per second against requests per second", Pick(AmbassadorPattern.Metric.Requests, AmbassadorPattern.Metric.Attempts));
            yield return ("Answered and failed requests per second", Pick(AmbassadorPattern.Metric.Answered, AmbassadorPattern.Metric.Failed));
            yield return ("Latency as the app sees it (p90)", Pick(AmbassadorPattern.Metric.LatencyP90));
        }
    }
}
