using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Sidecar;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Web.Components.Shared.UiFormat;

namespace PatternDashboard.Web.Components.Patterns.Sidecar;

/// <summary>
/// Sidecar, live: the pod with its TLS proxy, log shipper and metrics sidecar; the app's own work against what the
/// sidecars cost; the log buffer and its drops; one request traced hop by hop; the live setting; the start order.
/// </summary>
public partial class SidecarPage : PatternPageBase
{
    public override PatternDescriptor Pattern => SidecarPattern.Descriptor;

    public override INodePresenter Presenter => SidecarPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private SidecarDetails? Details => DetailsAs<SidecarDetails>();

    private string BufferText => Details?.Log is { } log
        ? $"{log.BufferLines} of {log.BufferCapacity} lines · dropped at the limit {log.Dropped} · lost {log.Lost}" +
          (log.InMemoryLines > 0 ? $" · {log.InMemoryLines} in the app's memory" : "")
        : "—";

    private string CostText => Details is { } d
        ? $"{Number(d.SidecarAddedMsPerRequest)} ms per request · {Number(d.SidecarCpuPercent)} % of the pod's CPU ({Number(d.SidecarCpuMsPerSecond)} ms/s against the app's own {Number(d.AppCpuMsPerSecond)} ms/s)"
        : "—";

    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            IReadOnlyList<SeriesView> Pick(params string[] names) => [.. series.Where(s => names.Contains(s.Name))];
            yield return ("Requests and failures per second", Pick(SidecarPattern.Metric.Requests, SidecarPattern.Metric.Failed));
            yield return ("Log lines buffered and dropped", Pick(SidecarPattern.Metric.BufferLines, SidecarPattern.Metric.Dropped));
            yield return ("Latency as the clients see it (p90)", Pick(SidecarPattern.Metric.LatencyP90));
            yield return ("Sidecars' share of the pod's CPU", Pick(SidecarPattern.Metric.SidecarCpu));
        }
    }
}
