using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>Event Sourcing on the simulated network: identity, names pages read, options, faults and explanation.</summary>
public static class EventSourcingPattern
{
    public const string Id = "event-sourcing";

    public const string StoreId = EventStoreNode<AccountEvent>.StoreId;
    public const string TellerA = "teller-a";
    public const string TellerB = "teller-b";
    public const string ProjectorId = "projector";

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string ReadWithSnapshots = "events read per load";
        public const string ReadFromZero = "events read per load without snapshots";
        public const string Conflicts = "conflicts/s";
        public const string ProjectionLag = "projection lag";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Streams = "streams";
        public const string Events = "events";
        public const string Head = "head";
        public const string Working = "working";
        public const string Conflicts = "conflicts";
        public const string Checkpoint = "checkpoint";
        public const string Lag = "lag";
        public const string Stopped = "stopped";
    }

    public static class Option
    {
        public const string Accounts = "accounts";
        public const string WriteRate = "writeRate";
        public const string SnapshotEvery = "snapshotEvery";
        public const string AccountLength = "accountLength";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string TwoWriters = "two-writers";
        public const string BadEvent = "bad-event";
        public const string Compensate = "compensate";
        public const string CorruptSnapshot = "corrupt-snapshot";
        public const string LoseProjection = "lose-projection";
        public const string StopProjector = "stop-projector";
        public const string InPlace = "update-in-place";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.Accounts, "Open accounts", "How many accounts are open at once; a closed one is replaced by a new one.", 1, 20, 6, IsInteger: true),
        new(Option.WriteRate, "Commands per teller", "Commands each of the two tellers carries out per second.", 0, 20, 1, "per s"),
        new(Option.SnapshotEvery, "Snapshot every", "A snapshot of an account every N events, so a rebuild reads at most N events; 0 turns snapshots off.", 0, 100, 10, "events", IsInteger: true),
        new(Option.AccountLength, "Account length", "Typical number of events before an account is closed.", 10, 200, 60, "events", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 500, 10, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        LifecycleFaults.CrashNode with { Description = "Stops a node: the store (its events are on disk, but nobody can read or write), a teller or the projector. It answers nothing until restarted." },
        LifecycleFaults.RestartNode,
        new(Fault.TwoWriters, "Two writers on one stream", "Both tellers deposit into the followed account at the same moment: both read the same version, one append wins and the other gets a conflict, reads again and retries.", IsInstant: true),
        new(Fault.BadEvent, "Write a bad event", "A teller deposits ten times the amount into the followed account. The event is a fact now: it cannot be edited or deleted.", IsInstant: true),
        new(Fault.Compensate, "Compensate the bad event", "Appends a correction that takes the extra money back; the bad event stays in the history, with its correction after it.", IsInstant: true),
        new(Fault.CorruptSnapshot, "Corrupt a snapshot", "Damages the followed account's latest snapshot. The next reader sees the checksum fail, throws the snapshot away and replays the events: the state is still right.", IsInstant: true),
        new(Fault.LoseProjection, "Lose the projection", "Wipes the read model and its checkpoint; the projector rebuilds it from the first event, with progress shown.", IsInstant: true),
        new(Fault.StopProjector, "Stop the projector", "The projector stops following the store: the read model falls behind while writes go on; clearing it catches up."),
        NetworkFaults.DelayMessages with { Description = "Adds delay to every message: reads, appends and catch-up." },
        NetworkFaults.LoseMessages with { Description = "Drops this share of messages; tellers and the projector retry after a timeout." },
        new(Fault.InPlace, "Break it: update state in place", "Tellers overwrite the account's row instead of appending events: the current state changes, the stream does not, so history and audit are gone and the slider cannot go back.", IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.TwoWriters)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "A table that holds only the current balance forgets how it got there: who changed what, when, and what it was " +
                 "before. An audit, a question about last Tuesday or a bug in yesterday's code cannot be answered from it.",
        HowItWorks: "Every change is stored as an event appended to the account's stream; nothing is updated or deleted. The state is " +
                    "a fold of the events, rebuilt by replaying them, and a snapshot every N events caps how many a rebuild reads. " +
                    "Each append names the version the writer read; if the stream moved on meanwhile the store answers with a " +
                    "conflict and the writer reads again and retries (optimistic concurrency). Projections follow the store from a " +
                    "checkpoint to build read models, and can be thrown away and rebuilt from the events at any time. A wrong event " +
                    "is never edited: a compensating event corrects it.",
        Benefits:
        [
            "A complete audit trail: the history is the data.",
            "The state at any past moment can be rebuilt (time travel), for debugging and for questions nobody asked yet.",
            "New read models can be built later from the same events; a broken one is rebuilt.",
            "Concurrent writers are detected per stream without locks.",
        ],
        TradeOffs:
        [
            "Rebuilding from events costs reads that grow with the stream; snapshots are needed for long streams.",
            "Read models are eventually consistent: a projection lags behind the writes.",
            "Events are for ever: their shape must be versioned, and mistakes are corrected by more events, not by edits.",
            "Storage grows without end unless finished streams are archived.",
        ],
        UsedBy:
        [
            "EventStoreDB (KurrentDB), Marten on PostgreSQL and Axon Server store events in streams with expected-version appends.",
            "Accounting ledgers and banking cores: entries are never erased, only reversed.",
            "Git: commits are events, a checkout is a replay.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Event Sourcing",
        "Bank accounts stored as streams of events: state rebuilt by replay, snapshots, a projection, optimistic concurrency and time travel along a stream.",
        Info,
        Options,
        (seed, options) => new EventSourcingCluster(seed, options));
}
