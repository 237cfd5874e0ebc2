using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>How the cluster checks and applies its own faults of <see cref="ServiceDiscoveryPattern.Faults"/>; the kernel does kill, pause and the network's.</summary>
public sealed partial class ServiceDiscoveryCluster
{
    // Only instances pause (a GC pause is about their heartbeats); only clients are cut off from the registry.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id switch
    {
        Fault.Pause or Fault.Resume => node is ServiceInstanceNode,
        Fault.PartitionClient => node is DiscoveryClientNode,
        _ => true,
    };

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        string? refusal = definition.Id switch
        {
            Fault.CrashRegistry when !Registry.IsUp => "The registry is already down; restart it first.",
            Fault.ScaleOut when instances.Count >= MaxInstances && !instances.Exists(i => i.Retired) => $"The service already has the maximum of {MaxInstances} instances; restart a dead one instead.",
            Fault.ScaleIn when instances.Count(i => i.IsUp) <= 1 => "Only one instance is running; the service keeps it.",
            Fault.ClientSide when Mode == DiscoveryMode.ClientSide => "Discovery is already client-side.",
            Fault.ServerSide when Mode == DiscoveryMode.ServerSide => "Discovery is already server-side.",
            Fault.SelfPreservation when Policy.SelfPreservation => "Self-preservation is already on.",
            Fault.PartitionClient when Faults.IsActive(Fault.PartitionClient, request.Target) => $"{Node(request.Target!).Label} is already cut off from the registry.",
            Fault.NoLeaseExpiry when !Policy.LeaseExpiry => "Lease expiry is already off.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        switch (definition.Id)
        {
            case Fault.CrashRegistry:
                Registry.Crash();
                return Registry.Restart;
            case Fault.ScaleOut:
                ScaleOut();
                return null;
            case Fault.ScaleIn:
                instances.Last(i => i.IsUp).Retire();
                return null;
            case Fault.ClientSide:
                SetMode(DiscoveryMode.ClientSide);
                return null;
            case Fault.ServerSide:
                SetMode(DiscoveryMode.ServerSide);
                return null;
            case Fault.SelfPreservation:
                Policy.SelfPreservation = true;
                return () => Policy.SelfPreservation = false;
            case Fault.PartitionClient:
                return CutOff(request.Target!);
            case Fault.NoLeaseExpiry:
                Policy.LeaseExpiry = false;
                Log.Append(RegistryId, "registry", "Lease expiry off: the registry keeps every entry, however long it has been silent");
                return () =>
                {
                    Policy.LeaseExpiry = true;
                    Log.Append(RegistryId, "registry", "Lease expiry back on: silent entries are evicted at the next sweep");
                };
            default:
                return base.ApplyFault(definition, request);
        }
    }

    // Restarting the registry ends the "crash the registry" that stopped it.
    protected override ActiveFault? CrashCause(SimulationNode node) =>
        node == Registry ? Faults.Active.FirstOrDefault(f => f.FaultId == Fault.CrashRegistry) : null;

    private void ScaleOut()
    {
        if (instances.Find(i => i.Retired) is { } retired)
        {
            Log.Append(retired.Id, "instance", $"{retired.Label} starts again (scale out)");
            retired.Restart();
            return;
        }
        var added = AddInstance();
        Log.Append(added.Id, "instance", $"{added.Label} starts (scale out)");
    }

    private Action CutOff(string clientId)
    {
        Network.Block(clientId, RegistryNode.RegistryId);
        Network.Block(RegistryNode.RegistryId, clientId);
        return () =>
        {
            Network.Unblock(clientId, RegistryNode.RegistryId);
            Network.Unblock(RegistryNode.RegistryId, clientId);
        };
    }
}
