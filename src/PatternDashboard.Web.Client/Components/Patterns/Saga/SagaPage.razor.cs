using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Saga;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.Saga;

/// <summary>
/// The order saga, orchestrated and choreographed on the same orders: counts per style, each saga's steps and
/// compensations (those to come included), each service's own state and books, the coordinator's log and the events in flight.
/// </summary>
public partial class SagaPage : PatternPageBase
{
    public override PatternDescriptor Pattern => SagaPattern.Descriptor;

    public override INodePresenter Presenter => SagaPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private SagaDetails? Details => DetailsAs<SagaDetails>();

    private IReadOnlyList<StyleDetails> Styles => Details?.Styles ?? [];

    /// <summary>The key state's rows: the stat's name for tests, its label, and how to read it from a style's counts.</summary>
    private static readonly (string Stat, string Label, Func<SagaCounts, long> Value)[] CountRows =
    [
        ("started", "started", c => c.Started),
        ("completed", "completed", c => c.Completed),
        ("compensating", "compensating", c => c.Compensating),
        ("compensated", "compensated", c => c.Compensated),
        ("stuck", "stuck", c => c.Stuck + c.Abandoned),
        ("in-flight", "in flight", c => c.InFlight),
    ];

    private static string Title(StyleDetails style) => style.CoordinatorLog is null ? "Choreography" : "Orchestration";
}
