using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Registry;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>
/// A dead instance leaves the registry within one lease period of the last renewal the registry received from it
/// (plus one eviction sweep). The stated exception: while self-preservation holds eviction back, dead entries stay on
/// purpose, and the page shows them as kept rather than hiding them.
/// </summary>
public sealed class DeadInstanceLeavesMonitor(ServiceDiscoveryCluster cluster)
    : InvariantMonitor(MonitorId, "A dead instance leaves the registry within one lease period (except while self-preservation holds eviction)")
{
    public const string MonitorId = "dead-instance-leaves";

    public override string? Check()
    {
        var registry = cluster.Registry;
        if (!registry.IsUp || registry.SelfPreserving)
        {
            return null;
        }
        var now = cluster.Clock.Now;
        var allowed = cluster.Policy.Lease + RegistryPolicy.EvictionSweep;
        var instances = cluster.Instances;
        // Checked after every event: an index loop, so no enumerator is allocated.
        for (int i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (instance.Lifecycle != NodeLifecycle.Crashed || registry.Entry(instance.Id) is not { } entry)
            {
                continue;
            }
            // A heartbeat sent just before death may arrive after it: the lease runs from what the registry last received.
            var since = entry.LastRenewal > instance.DiedAt!.Value ? entry.LastRenewal : instance.DiedAt.Value;
            if (now - since > allowed)
            {
                return $"{instance.Label} died at {instance.DiedAt.Value.TotalSeconds:0.0} s and is still registered {(now - since).TotalSeconds:0.0} s later; the lease is {cluster.Policy.Lease.TotalSeconds:0.#} s.";
            }
        }
        return null;
    }
}
