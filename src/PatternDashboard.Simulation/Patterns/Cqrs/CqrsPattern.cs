using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>CQRS on the simulated network: identity, names pages read, options, faults and explanation.</summary>
public static class CqrsPattern
{
    public const string Id = "cqrs";

    public const string WriteStoreId = "write-store";
    public const string CommandsId = "commands";
    public const string ShopFrontId = "shop-front";
    public const string BrowsersId = "browsers";
    public const string PickListId = "pick-list";

    /// <summary>The id of the n-th (from 1) replica of the customer-orders read model.</summary>
    public static string ReplicaId(int n) => $"orders-{n}";

    public static class Metric
    {
        public const string LagEvents = "projection lag";
        public const string LagSeconds = "seconds behind";
        public const string Reads = "reads/s";
        public const string Writes = "commits/s";
        public const string StaleReads = "stale reads/s";
    }

    public static class Property
    {
        public const string Head = "head";
        public const string Checkpoint = "checkpoint";
        public const string Lag = "lag";
        public const string Stopped = "stopped";
    }

    public static class Option
    {
        public const string WriteRate = "writeRate";
        public const string ReadRate = "readRate";
        public const string Replicas = "replicas";
        public const string ProjectorRate = "projectorRate";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string StopProjector = "stop-projector";
        public const string SlowProjector = "slow-projector";
        public const string SlowWriteStore = "slow-write-store";
        public const string Rebuild = "rebuild-projection";
        public const string RebuildAll = "rebuild-all";
        public const string ReadAfterWrite = "read-after-write";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.WriteRate, "Write load", "Commands per second from the shop front (place, ship, cancel).", 0, 20, 4, "per s"),
        new(Option.ReadRate, "Read load", "Queries per second from browsers, spread over the read replicas.", 0, 300, 40, "per s"),
        new(Option.Replicas, "Read replicas", "Replicas of the customer-orders read model; each follows the write store on its own.", 1, 4, 2, IsInteger: true),
        new(Option.ProjectorRate, "Projector throughput", "Events each projector applies per second at most.", 2, 500, 50, "per s"),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 200, 10, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        LifecycleFaults.CrashNode with { Description = "Stops a node. A crashed read replica answers nothing: browsers turn to the others, and on restart it catches up from its checkpoint. A crashed write store takes no commands." },
        LifecycleFaults.RestartNode,
        new(Fault.RebuildAll, "Rebuild every read model", "Throws every read model that is up away and replays each from the first event the write store holds, with progress; reads go on from the models being rebuilt, stale, until they catch up.", IsInstant: true),
        new(Fault.StopProjector, "Stop the projector", "This read model stops following the write store: it keeps answering queries, ever more stale, while commands go on committing.", FaultTarget.Node),
        new(Fault.SlowProjector, "Slow the projector", "Each event takes this many times longer to apply: throughput falls, so lag in events and in seconds grows.", FaultTarget.Node,
            new FaultParameter("factor", 2, 50, "x", 10)),
        new(Fault.SlowWriteStore, "Slow the write store", "The write store takes this long per request, one at a time: commits slow down and queue, and projectors read more slowly too.",
            Parameter: new FaultParameter("per request", 5, 40, "ms", 20)),
        new(Fault.Rebuild, "Rebuild the projection", "Throws this read model away and replays it from the first event the write store holds, with progress; it ends equal to the write side.", FaultTarget.Node, IsInstant: true),
        NetworkFaults.DelayMessages with { Description = "Adds delay to every message: commands, queries and catch-up reads." },
        NetworkFaults.LoseMessages with { Description = "Drops this share of messages; projectors read again and clients time out." },
        new(Fault.ReadAfterWrite, "Break it: act on the read model right after a write", "After placing an order the customer reads \"my orders\" from a replica at once and acts on it: an order the replica has not applied yet looks lost and is ordered again.", IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.SlowProjector, ReplicaId(1), 20)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "One model for both writing and reading serves neither well: reads want data joined and shaped per screen, writes want " +
                 "rules checked on small consistent records, and a read-heavy load cannot be scaled apart from the writes that share its tables.",
        HowItWorks: "Commands go to the command side, which validates them against the write model and appends events to the write " +
                    "store; a command is committed once its event is written. Projectors follow the write store asynchronously and fold " +
                    "the events into read models, each shaped for one query and copied to as many replicas as the reads need. A read model " +
                    "lags behind by its backlog over its projector's throughput, so a write is committed before it is visible there. " +
                    "A reader that must see its own write waits until a read model's checkpoint includes its commit position, or reads the write side.",
        Benefits:
        [
            "Reads and writes scale apart: add read replicas without touching the write side.",
            "Each query gets a read model shaped for it; no joins at read time.",
            "Read models can be thrown away and rebuilt from the events.",
        ],
        TradeOffs:
        [
            "Read models are eventually consistent: a read right after a write may not show it.",
            "Read-your-writes needs care: a commit position to wait for, or a read from the write side.",
            "More moving parts: projectors, checkpoints, lag to watch.",
        ],
        UsedBy:
        [
            "Axon Framework and Marten: command handlers, event stores and projections with tracking tokens.",
            "EventStoreDB (KurrentDB) catch-up subscriptions feeding read databases.",
            "Order and booking systems whose search pages read from replicas fed by change streams.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "CQRS (command and query responsibility segregation)",
        "Orders written through a command side to a write store and read from replicas of read models fed by projectors: lag in events and seconds, stale reads and read-your-writes.",
        Info,
        Options,
        (seed, options) => new CqrsCluster(seed, options));
}
