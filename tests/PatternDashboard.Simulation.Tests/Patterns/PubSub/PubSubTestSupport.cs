using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;

namespace PatternDashboard.Simulation.Tests.Patterns.PubSub;

/// <summary>Builds Pub/Sub clusters the way the app does and reads them the way tests need.</summary>
internal static class PubSubTestSupport
{
    public static PubSubCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (PubSubCluster)PatternCatalog.CreateRegistry().Get(PubSubPattern.Id).CreateSimulation(seed, options);

    public static IEnumerable<object[]> Seeds(int count, int first = 1) => Enumerable.Range(first, count).Select(s => new object[] { (long)s });

    public static InvariantView Invariant(SimulationBase simulation, string id) => simulation.Invariants.Views().Single(v => v.Id == id);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    /// <summary>Stops publishing, then runs until nothing is left to process; returns false if the limit passes first.</summary>
    public static bool StopAndDrain(MessagingCluster cluster, TimeSpan limit)
    {
        Inject(cluster, PubSubPattern.Fault.PublishRate, value: 0);
        var end = cluster.Clock.Now + limit;
        while (cluster.Backlog > 0 || cluster.Subscribers.Any(s => s.Busy || s.Buffered > 0))
        {
            if (cluster.Clock.Now > end)
            {
                return false;
            }
            cluster.RunFor(TimeSpan.FromMilliseconds(100));
        }
        // Late duplicates and acks still on the wire settle too.
        cluster.RunFor(TimeSpan.FromSeconds(2));
        return true;
    }

    public static SubscriptionStats StatsOf(MessagingCluster cluster, string subscription) => cluster.Stats.For(subscription);
}
