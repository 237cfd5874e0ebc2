using System.Globalization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.StranglerFig;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Web.Components.Patterns.StranglerFig;

/// <summary>
/// Strangler Fig, live: customers, the facade, the monolith and a new service per feature; the routing table with
/// each feature's stage, legacy and new shares and mismatch rate; migration progress, every fault, the big-bang
/// switch, invariants and the event log.
/// </summary>
public partial class StranglerFigPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => StranglerFigPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private StranglerFigDetails? Details => DetailsAs<StranglerFigDetails>();

    private string ProgressText => Details is { } d
        ? $"{(d.Progress * 100).ToString("0", CultureInfo.InvariantCulture)} % · {d.Retired} of {d.Routes.Count} retired"
        : "—";

    private string MigratingText => Details switch
    {
        null => "—",
        { BigBang: true } => "everything at once (big bang)",
        { Migrating: { } feature } d => $"{feature}: {d.Routes.First(r => r.Feature == feature).Stage}",
        _ => "nothing",
    };

    private string FailingText => Details is { } d
        ? d.FailingFeatures.Count == 0 ? "none" : string.Join(", ", d.FailingFeatures)
        : "—";

    /// <summary>Who served, on one chart; failures and mismatches on another.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            IReadOnlyList<SeriesView> Pick(params string[] names) => [.. series.Where(s => names.Contains(s.Name))];
            yield return ("Answers per second: served by legacy, served by new", Pick(Metric.ServedByLegacy, Metric.ServedByNew));
            yield return ("Failed answers and real mismatches per second", Pick(Metric.Failed, Metric.Mismatches));
        }
    }
}
