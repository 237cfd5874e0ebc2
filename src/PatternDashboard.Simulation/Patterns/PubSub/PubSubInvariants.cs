using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.PubSub;

/// <summary>
/// What Pub/Sub promises is what its broker promises: every acknowledged publish is processed or dead-lettered by
/// each subscription, effects happen once, and one key's messages take effect in publish order.
/// </summary>
public sealed partial class PubSubCluster
{
    private void AddInvariants() => AddBrokerInvariants();
}
