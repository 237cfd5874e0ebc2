using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Kernel;

/// <summary>How a fault request is checked and applied: the kernel's and the network's built-in faults, then the pattern's own hooks.</summary>
public abstract partial class SimulationBase
{
    /// <summary>Checks target and value, then returns the definition; throws with a clear message when wrong.</summary>
    protected FaultDefinition Validate(FaultRequest request)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.FaultId))
        {
            throw new SimulationInputException("A fault needs a faultId.");
        }
        var definition = FaultCatalog.FirstOrDefault(f => f.Id == request.FaultId)
            ?? throw new SimulationInputException(
                $"Unknown fault '{request.FaultId}'. Faults of {Pattern.Id}: {string.Join(", ", FaultCatalog.Select(f => f.Id))}.");
        if (definition.Target == FaultTarget.Node)
        {
            if (string.IsNullOrWhiteSpace(request.Target))
            {
                throw new SimulationInputException($"Fault '{definition.Id}' needs a target node.");
            }
            Node(request.Target);
        }
        else if (request.Target is not null)
        {
            throw new SimulationInputException($"Fault '{definition.Id}' takes no target.");
        }
        if (definition.Parameter is { } parameter)
        {
            double value = request.Value ?? parameter.Default;
            if (double.IsNaN(value) || value < parameter.Min || value > parameter.Max)
            {
                throw new SimulationInputException(
                    $"Fault '{definition.Id}' needs {parameter.Name} between {parameter.Min} and {parameter.Max} {parameter.Unit}; got {value}.");
            }
        }
        else if (request.Value is not null)
        {
            throw new SimulationInputException($"Fault '{definition.Id}' takes no value.");
        }
        var node = request.Target is null ? null : Node(request.Target);
        string? refusal = definition.BuiltIn switch
        {
            BuiltInFault.None => null,
            var kind when NetworkFaults.IsNetwork(kind) => networkFaults.Refusal(kind, node),
            var kind => LifecycleFaults.Refusal(kind, node!),
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
        if (definition.BuiltIn == BuiltInFault.None)
        {
            CheckApplicable(definition, request);
        }
        if (node is not null && !MayTarget(definition, node))
        {
            var targets = nodes.Where(n => MayTarget(definition, n)).Select(n => n.Id);
            throw new SimulationInputException($"'{definition.Label}' cannot be aimed at {node.Label}; aim it at one of {string.Join(", ", targets)}.");
        }
        return definition;
    }

    /// <summary>
    /// Fault hook: checks one of the pattern's own faults (the kernel checks crash, restart, pause, resume and the
    /// network's); throw <see cref="SimulationInputException"/> to refuse.
    /// </summary>
    protected virtual void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
    }

    /// <summary>Fault hook: applies one of the pattern's own checked faults and returns its undo, or null when it leaves nothing to undo.</summary>
    protected virtual Action? ApplyFault(FaultDefinition definition, FaultRequest request) =>
        throw new InvalidOperationException($"Fault '{definition.Id}' of {Pattern.Id} has no implementation.");

    /// <summary>Runs after any fault is injected or cleared, before the invariants are checked (e.g. to note who leads now).</summary>
    protected virtual void OnFaultsChanged()
    {
    }

    /// <summary>The active fault that crashed a node when it is not a "crash" aimed at it (e.g. "crash the leader"), so a restart ends it.</summary>
    protected virtual ActiveFault? CrashCause(SimulationNode node) => null;

    internal ActiveFault? CrashCauseOf(SimulationNode node) => CrashCause(node);

    /// <summary>The two sides of "split": by default the first half of the nodes (rounded down) and the rest.</summary>
    protected virtual (IReadOnlyList<SimulationNode> Minority, IReadOnlyList<SimulationNode> Majority) SplitSides() =>
        (nodes.GetRange(0, nodes.Count / 2), nodes.GetRange(nodes.Count / 2, nodes.Count - nodes.Count / 2));

    internal (IReadOnlyList<SimulationNode> Minority, IReadOnlyList<SimulationNode> Majority) SplitSidesOf() => SplitSides();

    internal BuiltInFault BuiltInOf(string faultId) => FaultCatalog.FirstOrDefault(f => f.Id == faultId)?.BuiltIn ?? BuiltInFault.None;

    // Buttons and the drawing show node ids ("n3"), narration shows labels ("Node 3"): a fault's label names both.
    private static string NameOf(SimulationNode node) => node.Label == node.Id ? node.Id : $"{node.Label} ({node.Id})";

    private ActiveFault? Apply(FaultDefinition definition, FaultRequest request)
    {
        string label = request.Target is null ? definition.Label : $"{definition.Label}: {NameOf(Node(request.Target))}";
        if (request.Value is { } value && definition.Parameter is { } parameter)
        {
            label += $" ({value} {parameter.Unit})";
        }
        Log.Append(request.Target, "fault", $"Injected: {label}");
        var node = request.Target is null ? null : Node(request.Target);
        var undo = definition.BuiltIn switch
        {
            BuiltInFault.None => ApplyFault(definition, request),
            var kind when NetworkFaults.IsNetwork(kind) => networkFaults.Apply(kind, node, request.Value ?? definition.Parameter?.Default ?? 0),
            var kind => LifecycleFaults.Apply(kind, node!, this),
        };
        var active = undo is null || definition.IsInstant ? null : Faults.Add(request, label, Clock.Now, undo);
        OnFaultsChanged();
        Invariants.CheckAll();
        return active;
    }

    private void EnsureRoomForInput()
    {
        if (inputs.Count >= Recording.MaxInputs)
        {
            throw new SimulationInputException($"This session has reached {Recording.MaxInputs} inputs; reset it to go on.");
        }
    }
}
