using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Web.Components.Patterns.CircuitBreaker;

/// <summary>
/// Circuit Breaker, live: a caller and two services, a card per Polly breaker, each service's faults and load, the
/// breaker options, the "remove the breakers" switch, outcome charts, invariants and the event log.
/// </summary>
public partial class CircuitBreakerPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => CircuitBreakerPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private CircuitBreakerDetails? Details => DetailsAs<CircuitBreakerDetails>();

    /// <summary>One outcome chart per service, then the caller's busy slots.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            foreach (var service in new[] { ServiceA, ServiceB })
            {
                var outcomes = series.Where(s => s.Name.StartsWith(Metric.OutcomePrefix(service), StringComparison.Ordinal)).ToList();
                if (outcomes.Count > 0)
                {
                    yield return ($"Service {service.ToUpperInvariant()}: outcomes per second", outcomes);
                }
            }
            var busy = series.Where(s => s.Name == Metric.CallerBusySlots).ToList();
            if (busy.Count > 0)
            {
                yield return ("Caller busy slots", busy);
            }
        }
    }

    private async Task IsolateAsync(string serviceId) =>
        CommandError = await SafeRun.TryAsync(() => Session!.InjectFaultAsync(new FaultRequest(Fault.Isolate, serviceId)));

    private async Task CloseAsync(string serviceId) =>
        CommandError = await SafeRun.TryAsync(() => Session!.InjectFaultAsync(new FaultRequest(Fault.Close, serviceId)));
}
