using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using static PatternDashboard.Simulation.Patterns.Messaging.MessagingFaults;

namespace PatternDashboard.Simulation.Patterns.Messaging;

/// <summary>How a messaging cluster checks and applies the shared faults of <see cref="MessagingFaults"/>.</summary>
public abstract partial class MessagingCluster
{
    private readonly LinkConditions baseConditions;
    private double extraDelayMs;
    private double duplicateRate;
    // Loss on every link to and from a node, by node id.
    private readonly SortedDictionary<string, double> linkLoss = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> lossyLinks = [];

    protected sealed override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Node(request.Target);
        string? refusal = definition.Id switch
        {
            Crash when node!.Lifecycle == NodeLifecycle.Crashed => $"{node.Label} is already crashed; restart it first.",
            Restart when node!.Lifecycle != NodeLifecycle.Crashed => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; only a crashed node can restart.",
            Pause when !node!.IsUp => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; only a running node can pause.",
            Resume when node!.Lifecycle != NodeLifecycle.Paused => $"{node.Label} is {LifecycleWord(node.Lifecycle)}, not paused; there is nothing to resume.",
            Slow when node is not SubscriberNode => $"{node!.Label} is not a consumer; only consumers can be slowed.",
            Slow when Faults.IsActive(Slow, node.Id) => $"{node.Label} is already slowed; clear that first.",
            LinkLoss when Faults.IsActive(LinkLoss, node!.Id) => $"{node.Label}'s links already drop messages; clear that first.",
            Delay when Faults.IsActive(Delay) => "Messages are already delayed; clear that first.",
            Duplicate when Faults.IsActive(Duplicate) => "Messages are already duplicated; clear that first.",
            PersistenceOff when !Broker.Persistent => "Persistence is already off.",
            NonIdempotent when !Idempotent => "Consumers are already non-idempotent.",
            _ => RefusePatternFault(definition, request),
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected sealed override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Node(request.Target);
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        return definition.Id switch
        {
            Crash => CrashNode(node!),
            Restart => RestartNode(node!),
            Pause => PauseNode(node!),
            Resume => ResumeNode(node!),
            Slow => SlowDown((SubscriberNode)node!, value),
            LinkLoss => DropOnLinks(node!, value / 100),
            Delay => DelayAll(value),
            Duplicate => DuplicateAll(value / 100),
            PersistenceOff => SetPersistent(false),
            NonIdempotent => SetIdempotent(false),
            _ => ApplyPatternFault(definition, request, value),
        };
    }

    /// <summary>A refusal for a pattern's own fault, or null to go ahead.</summary>
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id != Slow || node is SubscriberNode;

    protected abstract string? RefusePatternFault(FaultDefinition definition, FaultRequest request);

    /// <summary>Applies a pattern's own fault; returns its undo, or null.</summary>
    protected abstract Action? ApplyPatternFault(FaultDefinition definition, FaultRequest request, double value);

    /// <summary>Ends an active fault as a side effect of another input, logged like a clear.</summary>
    protected void ClearQuietly(ActiveFault fault)
    {
        Faults.Remove(fault.Id);
        Log.Append(fault.Target, "fault", $"Cleared: {fault.Label}");
    }

    private Action CrashNode(SimulationNode node)
    {
        // A paused node can be killed; its pause then has nothing left to undo.
        Faults.Forget(f => f.FaultId == Pause && f.Target == node.Id);
        node.Crash();
        return node.Restart;
    }

    /// <summary>Restarting a crashed node ends the fault that crashed it, so it leaves the active list too.</summary>
    private Action? RestartNode(SimulationNode node)
    {
        if (Faults.Active.FirstOrDefault(f => f.FaultId == Crash && f.Target == node.Id) is { } cause)
        {
            ClearQuietly(cause);
        }
        node.Restart();
        return null;
    }

    private static Action PauseNode(SimulationNode node)
    {
        node.Pause();
        return node.Resume;
    }

    private Action? ResumeNode(SimulationNode node)
    {
        if (Faults.Active.FirstOrDefault(f => f.FaultId == Pause && f.Target == node.Id) is { } pause)
        {
            ClearQuietly(pause);
        }
        node.Resume();
        return null;
    }

    private static Action SlowDown(SubscriberNode consumer, double factor)
    {
        consumer.SlowFactor = factor;
        return () => consumer.SlowFactor = 1;
    }

    private Action DropOnLinks(SimulationNode node, double loss)
    {
        linkLoss[node.Id] = loss;
        ApplyConditions();
        return () =>
        {
            linkLoss.Remove(node.Id);
            ApplyConditions();
        };
    }

    private Action DelayAll(double milliseconds)
    {
        extraDelayMs = milliseconds;
        ApplyConditions();
        return () =>
        {
            extraDelayMs = 0;
            ApplyConditions();
        };
    }

    private Action DuplicateAll(double rate)
    {
        duplicateRate = rate;
        ApplyConditions();
        return () =>
        {
            duplicateRate = 0;
            ApplyConditions();
        };
    }

    /// <summary>Rebuilds every link's conditions from the faults in force, so they combine and undo independently.</summary>
    private void ApplyConditions()
    {
        Network.Conditions = baseConditions with
        {
            BaseDelay = baseConditions.BaseDelay + TimeSpan.FromMilliseconds(extraDelayMs),
            DuplicateRate = duplicateRate,
        };
        foreach (var (from, to) in lossyLinks)
        {
            Network.SetLinkConditions(from, to, null);
        }
        lossyLinks.Clear();
        foreach (var node in Nodes)
        {
            foreach (var other in Nodes)
            {
                double loss = Math.Max(linkLoss.GetValueOrDefault(node.Id), linkLoss.GetValueOrDefault(other.Id));
                if (node != other && loss > 0)
                {
                    Network.SetLinkConditions(node.Id, other.Id, Network.Conditions with { LossRate = loss });
                    lossyLinks.Add((node.Id, other.Id));
                }
            }
        }
    }

    private Action SetPersistent(bool persistent)
    {
        Broker.Persistent = persistent;
        // Turning persistence back on writes what the broker holds to disk, so it is safe from then on.
        return () => Broker.Persistent = true;
    }

    private Action SetIdempotent(bool idempotent)
    {
        Idempotent = idempotent;
        foreach (var store in stores.Values)
        {
            store.Idempotent = idempotent;
        }
        return () =>
        {
            Idempotent = true;
            foreach (var store in stores.Values)
            {
                store.Idempotent = true;
            }
        };
    }
}
