using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>Sharding: one keyed store placed three ways at once (hash modulo N, a consistent-hash ring, key ranges) over the same shards.</summary>
public static class ShardingPattern
{
    public const string Id = "sharding";

    public const string RouterId = "router";

    public const string ClientsId = "clients";

    /// <summary>Shard nodes that exist; those beyond the ones in service wait as spares for "add a shard".</summary>
    public const int MaxShards = 8;

    public const int MinShards = 2;

    public static string ShardId(int number) => $"s{number}";

    public static int ShardNumber(string shardId) => int.Parse(shardId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    public static string KeyName(int key) => $"k{key:D4}";

    public static IReadOnlyList<Strategy> Strategies { get; } = [Strategy.Modulo, Strategy.Ring, Strategy.Range];

    /// <summary>The strategy's id in details, lessons and tests.</summary>
    public static string StrategyId(Strategy strategy) => strategy switch
    {
        Strategy.Modulo => "modulo",
        Strategy.Ring => "ring",
        _ => "range",
    };

    public static string StrategyTitle(Strategy strategy) => strategy switch
    {
        Strategy.Modulo => "hash modulo N",
        Strategy.Ring => "consistent hashing",
        _ => "key range",
    };

    public static class Option
    {
        public const string Shards = "shards";
        public const string Keys = "keys";
        public const string VirtualNodes = "virtualNodes";
        public const string Replicas = "replicas";
        public const string OpsPerSecond = "opsPerSecond";
        public const string WritePercent = "writePercent";
    }

    public static class Fault
    {
        public const string AddShard = "add-shard";
        public const string RemoveShard = "remove-shard";
        public const string HotKey = "hot-key";
        public const string SequentialKeys = "sequential-keys";
        public const string ModuloPlacement = "modulo-placement";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Role = "role";
        public const string InService = "inService";
        public const string KeysModulo = "keysModulo";
        public const string KeysRing = "keysRing";
        public const string KeysRange = "keysRange";
        public const string HandingOff = "handingOff";
        public const string Requests = "requests";
    }

    public static class State
    {
        public const string Serving = "serving";
        public const string HandingOff = "handing off";
        public const string Spare = "spare";
        public const string Routing = "routing";
        public const string Rebalancing = "rebalancing";
        public const string Sending = "sending";
    }

    public static class Metric
    {
        public const string Answered = "answered/s";
        public const string Unavailable = "unavailable/s";
        public const string InTransit = "keys in transit";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.Shards, "Shards", "Shards in service at the start; the rest of the eight wait as spares.", MinShards, MaxShards - 1, 4, "shards", IsInteger: true),
        new(Option.Keys, "Keys", "Keys in the store, k0000 upward; every strategy holds all of them.", 100, 5000, 1000, "keys", IsInteger: true),
        new(Option.VirtualNodes, "Virtual nodes", "Points each shard puts on the consistent-hashing ring; more points even out the load.", 1, 256, 64, "per shard", IsInteger: true),
        new(Option.Replicas, "Replicas", "0: each key on its owner only. 1: the router also writes a copy to the next shard along, which answers reads while the owner is down.", 0, 1, 0, IsInteger: true),
        new(Option.OpsPerSecond, "Load", "Reads and writes per second from the clients; each goes to all three stores.", 1, 200, 20, "per s"),
        new(Option.WritePercent, "Writes", "Share of requests that write; the rest read.", 0, 100, 30, "%"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.AddShard, "Add a shard", "Puts a spare shard in service: each store makes its new map and the keys it no longer owns travel to their new shard.", IsInstant: true),
        new(Fault.RemoveShard, "Remove a shard", "Takes a shard out of service: it hands every key it owns to the shards that own them next, then stands by as a spare.",
            FaultTarget.Node, IsInstant: true),
        LifecycleFaults.CrashNode with { Description = "Stops a shard: its keys are unavailable (or read from their replica when replicas are on) until it restarts; its data is on disk." },
        LifecycleFaults.RestartNode with { Description = "Starts a crashed shard again with the data on its disk; unfinished handoffs resume." },
        LifecycleFaults.PauseNode with { Description = "Freezes a shard: requests and handoffs wait until it resumes." },
        LifecycleFaults.ResumeNode,
        NetworkFaults.DelayMessages,
        NetworkFaults.LoseMessages with { Description = "Drops this share of messages: requests are retried, handoffs resent until acknowledged." },
        NetworkFaults.HealNetwork with { Description = "Removes every delay and loss." },
        new(Fault.HotKey, "Hot key", "A celebrity key takes this share of all requests: its shard is hot on every strategy, because one key lives on one shard.",
            Parameter: new FaultParameter("share", 10, 90, "%", 50)),
        new(Fault.SequentialKeys, "Sequential keys", "Clients use ids that only grow (timestamps, counters): on key ranges they all land on the one shard that holds the newest ids."),
        new(Fault.ModuloPlacement, "Break it: rebalance by hash modulo N",
            "The consistent-hashing store places keys by hash modulo N from its next rebalance on: add a shard and most of its keys move, between old shards too, where the ring moved only the new shard's share.",
            IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.AddShard)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "One machine cannot hold all the data or take all the traffic. The data must be split across many machines, and " +
                 "every request must find the one that holds its key, also while machines are added, removed or down.",
        HowItWorks: "Each key belongs to one shard, and a router (or a client library) computes which. Hash modulo N spreads keys " +
                    "evenly but puts N in every key's address: going from N to N+1 shards moves about N/(N+1) of the keys (80 % from 4 " +
                    "to 5). Consistent hashing places shards and keys on one ring of hashes; a key belongs to the next shard point " +
                    "along, so a new shard takes only about 1/(N+1) of the keys, and virtual nodes (many points per shard) even out " +
                    "the shares, the spread falling roughly as one over the square root of their number. Key ranges keep neighbouring " +
                    "keys together, good for scans, but ids that only grow all land on the last range. A rebalance really moves " +
                    "data: the old owner sends each key to the new one and keeps it until the new owner acknowledges it.",
        Benefits:
        [
            "Capacity and throughput grow with the number of shards.",
            "A shard that fails takes only its own keys with it; replicas can answer for them.",
            "Consistent hashing and ranges move only a fair share of keys when a shard joins or leaves.",
        ],
        TradeOffs:
        [
            "A hot key stays on one shard whatever the strategy: a celebrity's key loads one machine.",
            "Hash modulo N reshuffles almost everything when N changes.",
            "Ranges are uneven under sequential keys, and need splitting as they grow.",
            "Queries across shards (joins, scans over hashed keys) must ask every shard.",
            "Rebalancing costs network and leaves keys briefly unavailable while they travel.",
        ],
        UsedBy:
        [
            "Cassandra, DynamoDB and Riak: consistent hashing with virtual nodes.",
            "MongoDB: ranged and hashed shard keys, with a balancer that moves chunks.",
            "Memcached clients (ketama) and Redis Cluster (16,384 hash slots).",
            "Bigtable, HBase and Spanner: key ranges that split as they grow.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Sharding",
        "One store split over shards three ways at once, hash modulo N, consistent hashing and key ranges: add a shard and count the keys each moves, make a key hot, crash a shard.",
        Info,
        Options,
        (seed, options) => new ShardingCluster(seed, options));
}
