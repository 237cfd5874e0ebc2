using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Web.Components.Patterns.ServiceDiscovery;

/// <summary>
/// Service Discovery, live: the registry, instances, load balancer and clients; the registry's table with lease ages,
/// a lease timeline per instance with the stretch in which a dead one was still called, each cache's view, calls per
/// instance, every fault, the no-lease-expiry switch, invariants and the event log.
/// </summary>
public partial class ServiceDiscoveryPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => ServiceDiscoveryPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private ServiceDiscoveryDetails? Details => DetailsAs<ServiceDiscoveryDetails>();

    private string RegistryText => Details switch
    {
        null => "—",
        { RegistryUp: false } => "down: its table is lost",
        { DeadRegistered: > 0 } d => $"{d.Registered} listed, {d.DeadRegistered} of them dead",
        var d => $"{d.Registered} listed · {d.LiveInstances} live",
    };

    /// <summary>Call outcomes on one chart, registered against live instances on another.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            IReadOnlyList<SeriesView> Pick(params string[] names) => [.. series.Where(s => names.Contains(s.Name))];
            yield return ("Calls per second: answered, failed, to dead instances", Pick(Metric.CallsOk, Metric.CallsFailed, Metric.FailedToDead));
            yield return ("Instances: registered against live", Pick(Metric.Registered, Metric.Live));
        }
    }
}
