using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>The details record the page reads.</summary>
public sealed partial class ShardingCluster
{
    private ShardingDetails DetailsOf() => new(
        KeyCount, Members.Count, VirtualNodes, ReplicasOn, Settings.OpsPerSecond, Math.Round(Settings.WriteShare * 100, 1),
        KeyName(Settings.HotKey), Math.Round(Settings.HotKeyShare * 100, 1), Settings.SequentialKeys, ModuloPlacement, Router.IsRebalancing(),
        [.. Strategies.Select(StrategyViewOf)], [.. history]);

    private StrategyView StrategyViewOf(Strategy strategy)
    {
        var map = Router.MapOf(strategy);
        var shown = shards.Where(s => map.Members.Contains(s.Id) || s.KeysOwned(strategy) > 0 || s.HandingOff > 0).ToList();
        var loads = shown.ToDictionary(s => s.Id, s => Router.Load.PerSecond(strategy, s.Id));
        double totalLoad = loads.Values.Sum();
        var members = shown.Where(s => map.Members.Contains(s.Id)).ToList();
        double meanLoad = members.Count == 0 ? 0 : members.Sum(s => loads[s.Id]) / members.Count;
        var cells = shown.Select(s => new ShardCell(s.Id, s.Label, s.IsUp, map.Members.Contains(s.Id), s.KeysOwned(strategy),
            Math.Round(s.KeysOwned(strategy) / (double)KeyCount, 4), Math.Round(loads[s.Id], 2),
            totalLoad <= 0 ? 0 : Math.Round(loads[s.Id] / totalLoad, 4))).ToList();
        var tally = Router.Tallies[(int)strategy];
        var last = LastMove(strategy);
        return new StrategyView(
            StrategyId(strategy), StrategyTitle(strategy), map.Placement,
            KeyCount - Ledgers[(int)strategy].Lost, Ledgers[(int)strategy].InTransit,
            Router.IsRebalancing(strategy), [.. Router.WaitingFor(strategy).Order(StringComparer.Ordinal)],
            last?.MoveOf(strategy), last?.Change, MovedTotal(strategy),
            tally.Answered, tally.FromReplica, tally.Unavailable, tally.Retried,
            meanLoad <= 0 ? 0 : Math.Round(loads.Values.Max() / meanLoad, 3),
            totalLoad <= 0 ? 0 : Math.Round(loads.Values.Max() / totalLoad, 4),
            cells, MapOf(map));
    }

    private static IReadOnlyList<MapEntry> MapOf(ShardMap map) => map switch
    {
        ModuloMap modulo => [.. modulo.Members.Select((m, i) => new MapEntry(m, $"hash mod {modulo.Members.Count} = {i}"))],
        RingMap ring => [.. ring.Members.Select(m => new MapEntry(m, $"{ring.VirtualNodes} points, {ring.ShareOf(m):P1} of the ring"))],
        RangeMap range => [.. range.Ranges.Select(r => new MapEntry(r.Owner, $"{KeyName(r.Start)} to {KeyName(r.End - 1)}"))],
        _ => [],
    };
}
