using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ClientServer;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Web.Components.Patterns.ClientServer;

/// <summary>
/// Client-Server, live: clients and the server with its queue and workers, utilization and latency, the load slider,
/// latency against utilization beside the queueing theory, the retry collapse, the second-server switch and the event log.
/// </summary>
public partial class ClientServerPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => ClientServerPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private ClientServerDetails? Details => DetailsAs<ClientServerDetails>();

    private double? LiveUtilization => Latest(Metric.Utilization) / 100;

    private string TheoryMean => Details?.Theory.MeanMs is { } mean ? Ms(mean) : "unbounded";

    private List<SeriesView> LatencySeries => Named(Metric.LatencyP50, Metric.LatencyP99, Metric.LatencyMean);

    private List<SeriesView> QueueSeries => Named(Metric.QueueLength);

    private List<SeriesView> UtilizationSeries => Named(Metric.Utilization);

    private List<SeriesView> OutcomeSeries => Named(Metric.Answered, Metric.Rejected, Metric.TimedOut, Metric.LateAnswers);

    private double? Latest(string metric) => Snapshot?.Metrics.TryGetValue(metric, out double value) == true ? value : null;

    private List<SeriesView> Named(params string[] names) => [.. (Snapshot?.Series ?? []).Where(s => names.Contains(s.Name))];

    internal static string Percent(double? share) => share is { } s ? UiFormat.Number(Math.Round(100 * s)) + " %" : "—";

    internal static string Ms(double? ms) => ms is not { } value ? "—"
        : value >= 10_000 ? UiFormat.Number(Math.Round(value / 1000, 1)) + " s"
        : UiFormat.Number(Math.Round(value)) + " ms";
}
