using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// The faults every pattern built on the broker offers, and how the cluster checks and applies the broker's own
/// (slow consumers, the two break-it switches); crash, pause and the network's are the kernel's. Each pattern adds its own.
/// </summary>
public abstract partial class MessagingCluster
{
    public static class BrokerFault
    {
        public const string Slow = "slow";
        public const string PersistenceOff = "persistence-off";
        public const string NonIdempotent = "non-idempotent";
    }

    public static FaultDefinition SlowConsumer { get; } = new(BrokerFault.Slow, "Slow consumer", "Makes a consumer take this many times longer per message.", FaultTarget.Node,
        new FaultParameter("factor", 2, 100, "×", 20));

    public static FaultDefinition BreakIdempotency { get; } = new(BrokerFault.NonIdempotent, "Break it: non-idempotent consumers",
        "Consumers apply every delivery, so a redelivered message takes effect twice (counted as duplicate effects).", IsBreakIt: true)
    {
        Demonstration = [new FaultRequest(NetworkFaults.Duplicate, Value: 20)],
    };

    /// <summary>The faults of the broker's patterns but "persistence off", whose demonstration names each pattern's own consumers.</summary>
    public static IReadOnlyList<FaultDefinition> SharedFaults { get; } =
    [
        LifecycleFaults.CrashNode with { Description = "Stops a node: the broker, a publisher or a consumer. It answers nothing until restarted." },
        LifecycleFaults.RestartNode,
        LifecycleFaults.PauseNode,
        LifecycleFaults.ResumeNode with { Description = "Wakes a paused node." },
        SlowConsumer,
        NetworkFaults.DropOnLinks,
        NetworkFaults.DelayMessages,
        NetworkFaults.DuplicateMessages,
    ];

    /// <summary>"Persistence off", shown by the crash of a broker that holds messages its consumers have not finished.</summary>
    public static FaultDefinition BreakPersistence(IReadOnlyList<FaultRequest> demonstration) => new(BrokerFault.PersistenceOff, "Break it: persistence off",
        "The broker keeps messages in memory only, so a broker crash loses every message it holds (counted as lost).", IsBreakIt: true)
    {
        Demonstration = demonstration,
    };

    // Only consumers can be slowed.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id != BrokerFault.Slow || node is SubscriberNode;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Node(request.Target);
        string? refusal = definition.Id switch
        {
            BrokerFault.Slow when node is not SubscriberNode => $"{node!.Label} is not a consumer; only consumers can be slowed.",
            BrokerFault.Slow when Faults.IsActive(BrokerFault.Slow, node.Id) => $"{node.Label} is already slowed; clear that first.",
            BrokerFault.PersistenceOff when !Broker.Persistent => "Persistence is already off.",
            BrokerFault.NonIdempotent when !Idempotent => "Consumers are already non-idempotent.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        return definition.Id switch
        {
            BrokerFault.Slow => SlowDown((SubscriberNode)Node(request.Target!), value),
            BrokerFault.PersistenceOff => SetPersistent(false),
            BrokerFault.NonIdempotent => SetIdempotent(false),
            _ => base.ApplyFault(definition, request),
        };
    }

    private static Action SlowDown(SubscriberNode consumer, double factor)
    {
        consumer.SlowFactor = factor;
        return () => consumer.SlowFactor = 1;
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
