namespace PatternDashboard.Simulation.Kernel;

/// <summary>What a fault may be aimed at.</summary>
public enum FaultTarget
{
    /// <summary>The whole cluster; no target is given.</summary>
    None,

    /// <summary>One node, named by its id.</summary>
    Node,
}

/// <summary>The numeric parameter a fault takes, with its allowed range.</summary>
public sealed record FaultParameter(string Name, double Min, double Max, string Unit, double Default);

/// <summary>A fault (or "break it" switch) a pattern offers.</summary>
/// <param name="IsInstant">True for one-off actions (force a timeout) that leave nothing active to undo.</param>
/// <param name="IsBreakIt">True for switches that turn off one rule of the pattern.</param>
public sealed record FaultDefinition(
    string Id,
    string Label,
    string Description,
    FaultTarget Target = FaultTarget.None,
    FaultParameter? Parameter = null,
    bool IsInstant = false,
    bool IsBreakIt = false)
{
    /// <summary>Simulated time between two requests of a <see cref="Demonstration"/>: damage such as "a crash loses what
    /// the broker holds" needs the earlier faults to have had an effect first.</summary>
    public static readonly TimeSpan DemonstrationStep = TimeSpan.FromSeconds(5);

    /// <summary>
    /// For a break-it switch: the fault requests that show its damage ("show me the damage"), given in order, the
    /// first right after the switch is turned on and each next one <see cref="DemonstrationStep"/> later; one of the
    /// pattern's invariants goes red within 60 simulated seconds at default options. Without the switch they do no harm.
    /// </summary>
    public IReadOnlyList<FaultRequest> Demonstration { get; init; } = [];

    /// <summary>Which fault the kernel or the network applies for every pattern; None for a pattern's own.</summary>
    internal BuiltInFault BuiltIn { get; init; }
}

/// <summary>The faults defined once for every pattern: node lifecycle in the kernel, links in the network.</summary>
internal enum BuiltInFault
{
    None,
    Crash,
    Restart,
    Pause,
    Resume,
    Isolate,
    Split,
    OneWay,
    Heal,
    Delay,
    Loss,
    LinkLoss,
    Duplicate,
}

/// <summary>A request to inject a fault: which one, aimed where, with which value.</summary>
public sealed record FaultRequest(string FaultId, string? Target = null, double? Value = null);

/// <summary>A fault in force, until it is cleared.</summary>
public sealed record ActiveFault(string Id, string FaultId, string Label, string? Target, double? Value, double SinceTime);

/// <summary>Thrown when a user input (fault, option, recording) is invalid; the simulation is left as it was.</summary>
public sealed class SimulationInputException(string message) : Exception(message);

/// <summary>The faults in force in one simulation, each with the action that undoes it.</summary>
public sealed class FaultBoard
{
    private readonly List<(ActiveFault Fault, Action Undo)> active = [];
    private int nextId = 1;

    public IReadOnlyList<ActiveFault> Active => active.ConvertAll(a => a.Fault);

    public int Count => active.Count;

    internal ActiveFault Add(FaultRequest request, string label, TimeSpan now, Action undo)
    {
        var fault = new ActiveFault($"f{nextId++}", request.FaultId, label, request.Target, request.Value, now.TotalSeconds);
        active.Add((fault, undo));
        return fault;
    }

    /// <summary>Monitors ask this after every event, so it loops rather than allocate a predicate's closure.</summary>
    public bool IsActive(string faultId, string? target = null)
    {
        foreach (var (fault, _) in active)
        {
            if (fault.FaultId == faultId && (target is null || fault.Target == target))
            {
                return true;
            }
        }
        return false;
    }

    public bool Contains(string activeFaultId) => active.Exists(a => a.Fault.Id == activeFaultId);

    internal ActiveFault Remove(string activeFaultId)
    {
        int index = active.FindIndex(a => a.Fault.Id == activeFaultId);
        if (index < 0)
        {
            throw new SimulationInputException($"No active fault has the id '{activeFaultId}'.");
        }
        var (fault, undo) = active[index];
        active.RemoveAt(index);
        undo();
        return fault;
    }

    /// <summary>Drops faults whose condition ended by itself (a crashed node restarted by another action).</summary>
    internal void Forget(Predicate<ActiveFault> ended) => active.RemoveAll(a => ended(a.Fault));
}
