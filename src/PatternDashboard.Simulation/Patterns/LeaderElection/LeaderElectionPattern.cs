using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>Leader Election by Raft's election protocol: identity, options, faults and explanation.</summary>
public static class LeaderElectionPattern
{
    public const string Id = "leader-election";

    /// <summary>The client's node id; the cluster's nodes are n1, n2 and so on.</summary>
    public const string ClientId = "client";

    /// <summary>The client's node state; the members show their role ("leader") or lifecycle.</summary>
    public const string ClientState = "client";

    /// <summary>Keys of the node properties pages read (the client has sent to knownLeader).</summary>
    public static class Property
    {
        public const string Term = "term";
        public const string VotedFor = "votedFor";
        public const string Role = "role";
        public const string Votes = "votes";
        public const string VotesNeeded = "votesNeeded";
        public const string KnownLeader = "knownLeader";
        public const string ElectionTimer = "electionTimer";
        public const string ElectionTimeoutMs = "electionTimeoutMs";
        public const string Sent = "sent";
        public const string Accepted = "accepted";
        public const string Rejected = "rejected";
        public const string TimedOut = "timedOut";
        public const string Pending = "pending";
    }

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string Term = "term";
        public const string Leaders = "leaders";
        public const string WritesAccepted = "writes accepted/s";
        public const string WritesRejected = "writes rejected/s";
        public const string TimeWithoutLeader = "time without leader";
    }

    public static class Option
    {
        public const string NodeCount = "nodeCount";
        public const string ElectionTimeoutMinMs = "electionTimeoutMinMs";
        public const string ElectionTimeoutMaxMs = "electionTimeoutMaxMs";
        public const string HeartbeatIntervalMs = "heartbeatIntervalMs";
        public const string NetworkDelayMs = "networkDelayMs";
        public const string ClientWritesPerSecond = "clientWritesPerSecond";
    }

    public static class Fault
    {
        public const string Crash = LifecycleFaults.Crash;
        public const string Restart = LifecycleFaults.Restart;
        public const string CrashLeader = "crash-leader";
        public const string Pause = LifecycleFaults.Pause;
        public const string Resume = LifecycleFaults.Resume;
        public const string Isolate = NetworkFaults.Isolate;
        public const string Split = NetworkFaults.Split;
        public const string OneWay = NetworkFaults.OneWay;
        public const string Heal = NetworkFaults.Heal;
        public const string Delay = NetworkFaults.Delay;
        public const string Loss = NetworkFaults.Loss;
        public const string ForceTimeout = "force-timeout";
        public const string BreakQuorum = "break-quorum";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.NodeCount, "Nodes", "How many nodes the cluster has.", 3, 9, 5, "nodes", IsInteger: true),
        new(Option.ElectionTimeoutMinMs, "Election timeout (min)", "Shortest wait without a heartbeat before a follower stands for election.", 50, 5000, 150, "ms", IsInteger: true),
        new(Option.ElectionTimeoutMaxMs, "Election timeout (max)", "Longest such wait; each wait is drawn at random between min and max.", 50, 10000, 300, "ms", IsInteger: true),
        new(Option.HeartbeatIntervalMs, "Heartbeat interval", "How often the leader tells followers it is alive; keep it well below the election timeout.", 10, 2000, 50, "ms", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 1000, 10, "ms"),
        new(Option.ClientWritesPerSecond, "Client writes", "Writes a client sends per second to a node it picks at random.", 0, 100, 5, "per s"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        new(Fault.CrashLeader, "Crash leader", "Stops the current leader; the others must notice and elect a new one."),
        LifecycleFaults.CrashNode,
        LifecycleFaults.RestartNode with { Description = "Brings a crashed node back with its term and vote, which Raft keeps on disk." },
        LifecycleFaults.PauseNode with { Description = "Freezes a node like a long garbage-collection pause; a paused leader wakes up as a zombie." },
        LifecycleFaults.ResumeNode,
        NetworkFaults.IsolateNode,
        NetworkFaults.SplitCluster,
        NetworkFaults.OneWayLink,
        NetworkFaults.HealNetwork with { Description = "Removes every partition, isolation, one-way failure, delay and loss." },
        NetworkFaults.DelayMessages,
        NetworkFaults.LoseMessages,
        new(Fault.ForceTimeout, "Force election timeout", "Makes a node's election timer fire now.", FaultTarget.Node, IsInstant: true),
        new(Fault.BreakQuorum, "Break it: any two votes win", "Counts two votes as a majority whatever the cluster size (one vote in a 3-node cluster), so two leaders can win the same term.", IsBreakIt: true)
        {
            // Lost heartbeats start election after election; two candidates of one term each find the one vote they need.
            Demonstration = [new FaultRequest(Fault.Loss, Value: 60)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "Many systems need exactly one node to coordinate: to order writes, hand out locks or run a scheduled job. " +
                 "If two nodes believe they lead, they make conflicting decisions; if none does, the system stalls. " +
                 "Nodes crash and networks split, so the choice cannot be made once and for all.",
        HowItWorks: "Time is divided into numbered terms. A follower that hears no heartbeat for a random election timeout " +
                    "becomes a candidate: it starts a new term, votes for itself and asks the others for votes. Each node " +
                    "gives at most one vote per term. A candidate with votes from a majority becomes leader and sends heartbeats " +
                    "to hold its followers back. Any node that sees a higher term steps down to follower. Because two majorities " +
                    "always share a node, two leaders can never win the same term.",
        Benefits:
        [
            "Exactly one coordinator per term, even across crashes and partitions.",
            "A crashed leader is replaced automatically, typically within a few election timeouts.",
            "Random timeouts make split votes rare without any central clock.",
        ],
        TradeOffs:
        [
            "The cluster accepts no writes while it has no leader.",
            "A majority must be reachable: a minority side of a partition cannot elect anyone.",
            "An old leader that was paused may still believe it leads until it hears a higher term.",
            "Timeouts must be tuned to the network: too short causes needless elections, too long slows recovery.",
        ],
        UsedBy:
        [
            "etcd and Consul (Raft) for Kubernetes and service configuration.",
            "ZooKeeper (Zab) for coordination in Kafka's older versions and Hadoop.",
            "MongoDB replica sets elect a primary in a Raft-like way.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Leader Election",
        "Raft elects one leader per term; crash it, split the network and watch a new one take over.",
        Info,
        Options,
        (seed, options) => new LeaderElectionCluster(seed, options));
}
