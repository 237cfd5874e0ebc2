using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Web.Components.Patterns.ApiGateway;

/// <summary>
/// API Gateway, live: clients, the gateway and three services; each client's rate, allowed and limited requests and
/// its bucket level over time, the summary's waterfall, traffic per route and instance, every fault, the direct-calls
/// switch, invariants and the event log.
/// </summary>
public partial class ApiGatewayPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => ApiGatewayPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private ApiGatewayDetails? Details => DetailsAs<ApiGatewayDetails>();

    private double Sum(Func<ClientView, double> rate) => Details?.Clients.Sum(rate) ?? 0;

    private string GatewayText => Details switch
    {
        null => "—",
        { DirectCalls: true } => "bypassed",
        { GatewaysUp: 0 } => "down: nothing gets through",
        { GatewaysDeployed: > 1 } d => $"{d.GatewaysUp} of {d.GatewaysDeployed} instances up",
        _ => "up",
    };

    private string LimiterText => Details switch
    {
        null => "—",
        { Limiter: Limiter.FixedWindow } d => $"fixed window: {d.WindowLimit} per {UiFormat.Number(d.WindowSeconds)} s",
        var d => $"token bucket: {d.BucketCapacity} tokens, +{UiFormat.Number(d.RefillPerSecond)} per s",
    };

    private string LevelTitle => Details?.Limiter == Limiter.FixedWindow
        ? "Requests left in each client's window, last 30 s"
        : "Tokens in each client's bucket, last 30 s";

    /// <summary>One line per client, from the levels the details carry.</summary>
    private IReadOnlyList<SeriesView> LevelSeries
    {
        get
        {
            if (Details is not { } details || Snapshot is not { } snapshot)
            {
                return [];
            }
            return
            [
                .. details.Clients.Select(c =>
                {
                    double first = snapshot.SimulatedTime - (c.Levels.Count - 1) * details.LevelStep;
                    return new SeriesView(c.Id, "tokens", [.. c.Levels.Select((level, i) => new MetricPoint(Math.Round(first + i * details.LevelStep, 2), level))]);
                }),
            ];
        }
    }

    /// <summary>Decisions on one chart, what reaches the services on another.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            IReadOnlyList<SeriesView> Pick(params string[] names) => [.. series.Where(s => names.Contains(s.Name))];
            yield return ("Requests per second: allowed, limited, refused, failed", Pick(Metric.Allowed, Metric.Limited, Metric.Refused, Metric.Failed));
            yield return ("Requests reaching services per second", Pick(Metric.ReachedServices));
        }
    }
}
