using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>
/// Every key is owned by exactly one shard, in each store: never two owners, and once a rebalance has finished, an owner
/// for every key and the one the map names. A key travelling between shards has no owner for a moment, which is fine.
/// </summary>
public sealed class OneOwnerMonitor(ShardingCluster cluster) : InvariantMonitor(MonitorId, "Every key is owned by exactly one shard")
{
    public const string MonitorId = "one-owner";

    public override string? Check()
    {
        foreach (var strategy in Strategies)
        {
            var ledger = cluster.Ledgers[(int)strategy];
            if (ledger.OverOwned > 0)
            {
                return $"{ledger.OverOwned} keys of the {StrategyTitle(strategy)} store have two owners ({KeyName(ledger.LastOverOwnedKey)} the latest).";
            }
            if (!cluster.Router.IsRebalancing(strategy) && ledger.Unowned > 0)
            {
                return $"{ledger.Unowned} keys of the {StrategyTitle(strategy)} store have no owner after its rebalance finished.";
            }
            if (cluster.OwnerAudit(strategy) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }
}

/// <summary>
/// No key is lost by a rebalance: every key is held by its owner or in the outbox of the shard handing it off, and at the
/// end of a rebalance each key's owner holds at least the version of its latest acknowledged write.
/// </summary>
public sealed class NoKeyLostMonitor(ShardingCluster cluster) : InvariantMonitor(MonitorId, "No key is lost by a rebalance")
{
    public const string MonitorId = "no-key-lost";

    public override string? Check()
    {
        foreach (var strategy in Strategies)
        {
            var ledger = cluster.Ledgers[(int)strategy];
            if (ledger.Lost > 0)
            {
                return $"{ledger.Lost} keys of the {StrategyTitle(strategy)} store are on no shard and in no handoff ({KeyName(ledger.LastLostKey)} the latest).";
            }
            if (cluster.LossAudit(strategy) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }
}

/// <summary>
/// What consistent hashing and key ranges promise: adding a shard moves keys only to it, removing one moves only its
/// keys; no key moves between two shards that stay. Red from such a rebalance until the store's next one. Hash modulo
/// N breaks it on every change, which is why it is shown beside the others and not held to it.
/// </summary>
public sealed class FairMovesMonitor(ShardingCluster cluster)
    : InvariantMonitor(MonitorId, "Adding or removing a shard moves only the keys it takes or gives (consistent hashing, key ranges)")
{
    public const string MonitorId = "fair-moves";

    public override string? Check()
    {
        foreach (var strategy in (ReadOnlySpan<Strategy>)[Strategy.Ring, Strategy.Range])
        {
            if (cluster.LastMove(strategy) is { ShardsChanged: true } record && record.MoveOf(strategy) is { Needless: > 0 } move)
            {
                return $"{record.Change}: the {StrategyTitle(strategy)} store moved {move.Moved} keys ({move.Share:P0}), " +
                       $"{move.Needless} of them between shards that were already there; about {move.ExpectedShare:P0} had to move.";
            }
        }
        return null;
    }
}
