namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>What the Sharding page shows beyond the nodes: each store's keys, load, moves and map.</summary>
/// <param name="HotKeyPercent">Share of requests on the hot key, 0 when none is hot.</param>
/// <param name="ModuloPlacement">The break-it switch: the consistent-hashing store rebalances by hash modulo N.</param>
/// <param name="Rebalances">The latest rebalances, the newest last (at most <see cref="ShardingCluster.MaxRebalanceHistory"/>).</param>
public sealed record ShardingDetails(
    int Keys,
    int ShardsInService,
    int VirtualNodes,
    bool Replicas,
    double OpsPerSecond,
    double WritePercent,
    string HotKey,
    double HotKeyPercent,
    bool SequentialKeys,
    bool ModuloPlacement,
    bool Rebalancing,
    IReadOnlyList<StrategyView> Strategies,
    IReadOnlyList<RebalanceRecord> Rebalances);

/// <summary>One store, placed by one strategy.</summary>
/// <param name="TotalKeys">Keys held by an owner or in a handoff on its way: every key of the store unless one was lost.</param>
/// <param name="InTransit">Keys handed off and not yet acknowledged by their new owner.</param>
/// <param name="LastMove">What the latest rebalance of this store moved; null before any.</param>
/// <param name="LoadSpread">The busiest shard's load over the mean load of the shards in service (1: even).</param>
/// <param name="HottestShare">The busiest shard's share of this store's requests, 0 to 1.</param>
public sealed record StrategyView(
    string Id,
    string Title,
    string Placement,
    int TotalKeys,
    int InTransit,
    bool Rebalancing,
    IReadOnlyList<string> WaitingFor,
    StrategyMove? LastMove,
    string? LastChange,
    long MovedTotal,
    long Answered,
    long FromReplica,
    long Unavailable,
    long Retried,
    double LoadSpread,
    double HottestShare,
    IReadOnlyList<ShardCell> Shards,
    IReadOnlyList<MapEntry> Map);

/// <summary>One cell of the heat map: a shard's keys and load in one store.</summary>
/// <param name="Load">Requests per second routed to it over the last seconds.</param>
public sealed record ShardCell(string ShardId, string Label, bool Up, bool InService, int Keys, double KeyShare, double Load, double LoadShare);

/// <summary>One line of the router's map: which keys a shard owns, in the strategy's terms.</summary>
public sealed record MapEntry(string ShardId, string Rule);
