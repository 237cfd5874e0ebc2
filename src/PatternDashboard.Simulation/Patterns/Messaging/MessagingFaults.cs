using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Messaging;

/// <summary>The faults every pattern built on the broker offers; each pattern adds its own to these.</summary>
public static class MessagingFaults
{
    public const string Crash = "crash";
    public const string Restart = "restart";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Slow = "slow";
    public const string LinkLoss = "link-loss";
    public const string Delay = "delay";
    public const string Duplicate = "duplicate";
    public const string PersistenceOff = "persistence-off";
    public const string NonIdempotent = "non-idempotent";

    public static FaultDefinition CrashNode { get; } = new(Crash, "Crash node", "Stops a node: the broker, a publisher or a consumer. It answers nothing until restarted.", FaultTarget.Node);

    public static FaultDefinition RestartNode { get; } = new(Restart, "Restart node", "Brings a crashed node back with whatever it keeps on disk.", FaultTarget.Node, IsInstant: true);

    public static FaultDefinition PauseNode { get; } = new(Pause, "Pause node", "Freezes a node; what reaches it waits until it resumes.", FaultTarget.Node);

    public static FaultDefinition ResumeNode { get; } = new(Resume, "Resume node", "Wakes a paused node.", FaultTarget.Node, IsInstant: true);

    public static FaultDefinition SlowConsumer { get; } = new(Slow, "Slow consumer", "Makes a consumer take this many times longer per message.", FaultTarget.Node,
        new FaultParameter("factor", 2, 100, "×", 20));

    public static FaultDefinition DropOnLinks { get; } = new(LinkLoss, "Drop messages on a node's links", "Drops this share of the messages to and from a node.", FaultTarget.Node,
        new FaultParameter("loss", 0, 100, "%", 30));

    public static FaultDefinition DelayNetwork { get; } = new(Delay, "Delay messages", "Adds delay to every message.",
        Parameter: new FaultParameter("delay", 0, 2000, "ms", 200));

    public static FaultDefinition DuplicateMessages { get; } = new(Duplicate, "Duplicate messages", "Delivers this share of messages twice, on every link.",
        Parameter: new FaultParameter("duplicates", 0, 100, "%", 20));

    public static FaultDefinition BreakPersistence { get; } = new(PersistenceOff, "Break it: persistence off",
        "The broker keeps messages in memory only, so a broker crash loses every message it holds (counted as lost).", IsBreakIt: true);

    public static FaultDefinition BreakIdempotency { get; } = new(NonIdempotent, "Break it: non-idempotent consumers",
        "Consumers apply every delivery, so a redelivered message takes effect twice (counted as duplicate effects).", IsBreakIt: true);

    public static IReadOnlyList<FaultDefinition> Shared { get; } =
        [CrashNode, RestartNode, PauseNode, ResumeNode, SlowConsumer, DropOnLinks, DelayNetwork, DuplicateMessages, BreakPersistence, BreakIdempotency];
}
