using System.Globalization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Sharding;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;

namespace PatternDashboard.Web.Components.Patterns.Sharding;

/// <summary>
/// Sharding, live: the same keys on three stores at once (hash modulo N, consistent hashing, key ranges); a heat map of
/// keys and load per shard, the keys each store moved on the last change beside the share it should move, and the
/// router's map of each.
/// </summary>
public partial class ShardingPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => ShardingPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private ShardingDetails? Details => DetailsAs<ShardingDetails>();

    private IReadOnlyList<StrategyView> Strategies => Details?.Strategies ?? [];

    private IReadOnlyList<SeriesView> Requests => [.. (Snapshot?.Series ?? []).Where(s => s.Name is Metric.Answered or Metric.Unavailable)];

    private IReadOnlyList<SeriesView> InTransit => [.. (Snapshot?.Series ?? []).Where(s => s.Name == Metric.InTransit)];

    private static string MovedText(StrategyView strategy) => strategy.LastMove is { } move
        ? $"moved {move.Moved} keys ({Percent(move.Share)}), about {Percent(move.ExpectedShare)} expected"
        : "no rebalance yet";

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
