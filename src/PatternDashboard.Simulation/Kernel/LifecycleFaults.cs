namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// Crash, restart, pause and resume, for every pattern: their definitions, checks, effects and undo. A pattern lists
/// the ones it offers (a description may be reworded with <c>with</c>); the kernel does the rest.
/// </summary>
public static class LifecycleFaults
{
    public const string Crash = "crash";
    public const string Restart = "restart";
    public const string Pause = "pause";
    public const string Resume = "resume";

    public static FaultDefinition CrashNode { get; } = new(Crash, "Crash node",
        "Stops a node: it loses its volatile state and answers nothing until restarted.", FaultTarget.Node) { BuiltIn = BuiltInFault.Crash };

    public static FaultDefinition RestartNode { get; } = new(Restart, "Restart node",
        "Brings a crashed node back with whatever it keeps on disk.", FaultTarget.Node, IsInstant: true) { BuiltIn = BuiltInFault.Restart };

    public static FaultDefinition PauseNode { get; } = new(Pause, "Pause node",
        "Freezes a node; what reaches it waits until it resumes.", FaultTarget.Node) { BuiltIn = BuiltInFault.Pause };

    public static FaultDefinition ResumeNode { get; } = new(Resume, "Resume node",
        "Wakes a paused node; it handles everything that queued up while it slept.", FaultTarget.Node, IsInstant: true) { BuiltIn = BuiltInFault.Resume };

    /// <summary>The four, in the order pages show them.</summary>
    public static IReadOnlyList<FaultDefinition> All { get; } = [CrashNode, RestartNode, PauseNode, ResumeNode];

    public static string LifecycleWord(NodeLifecycle lifecycle) => lifecycle switch
    {
        NodeLifecycle.Up => "up",
        NodeLifecycle.Crashed => "crashed",
        _ => "paused",
    };

    /// <summary>Why a lifecycle fault cannot be given to this node now, or null.</summary>
    internal static string? Refusal(BuiltInFault fault, SimulationNode node) => fault switch
    {
        BuiltInFault.Crash when node.Lifecycle == NodeLifecycle.Crashed => $"{node.Label} is already crashed; restart it first.",
        BuiltInFault.Restart when node.Lifecycle != NodeLifecycle.Crashed => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; only a crashed node can restart.",
        BuiltInFault.Pause when !node.IsUp => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; only a running node can pause.",
        BuiltInFault.Resume when node.Lifecycle != NodeLifecycle.Paused => $"{node.Label} is {LifecycleWord(node.Lifecycle)}, not paused; there is nothing to resume.",
        _ => null,
    };

    /// <summary>Applies a lifecycle fault; returns its undo, or null when it ends a fault rather than starting one.</summary>
    internal static Action? Apply(BuiltInFault fault, SimulationNode node, SimulationBase simulation)
    {
        switch (fault)
        {
            case BuiltInFault.Crash:
                // A paused node can be killed; its pause then has nothing left to undo.
                simulation.Faults.Forget(f => f.FaultId == Pause && f.Target == node.Id);
                node.Crash();
                return node.Restart;
            case BuiltInFault.Restart:
                // Restarting a crashed node ends the fault that crashed it, so it leaves the active list too.
                if ((simulation.Faults.Active.FirstOrDefault(f => f.FaultId == Crash && f.Target == node.Id) ?? simulation.CrashCauseOf(node)) is { } cause)
                {
                    simulation.ClearQuietly(cause);
                }
                node.Restart();
                return null;
            case BuiltInFault.Pause:
                node.Pause();
                return node.Resume;
            default:
                if (simulation.Faults.Active.FirstOrDefault(f => f.FaultId == Pause && f.Target == node.Id) is { } pause)
                {
                    simulation.ClearQuietly(pause);
                }
                node.Resume();
                return null;
        }
    }
}
