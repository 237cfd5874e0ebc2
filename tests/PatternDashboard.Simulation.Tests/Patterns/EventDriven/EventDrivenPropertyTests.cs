using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Tests.TestSupport;
using static PatternDashboard.Simulation.Patterns.EventDriven.EventDrivenPattern;
using static PatternDashboard.Simulation.Tests.Patterns.EventDriven.EventDrivenTestSupport;


namespace PatternDashboard.Simulation.Tests.Patterns.EventDriven;

/// <summary>Seeded property tests: each seed picks its own faults, targets and times; a failing seed replays exactly.</summary>
public sealed class EventDrivenPropertyTests
{
    private static readonly string[] RandomFaults =
    [
        LifecycleFaults.Crash, LifecycleFaults.Restart, LifecycleFaults.Pause, LifecycleFaults.Resume, MessagingCluster.BrokerFault.Slow,
        NetworkFaults.LinkLoss, NetworkFaults.Delay, NetworkFaults.Duplicate, Fault.AddService,
        RandomInputs.Clear, RandomInputs.Clear, RandomInputs.Clear, LifecycleFaults.Restart, LifecycleFaults.Resume,
    ];

    public static IEnumerable<object[]> PropertySeeds => Enumerable.Range(30_000, 200).Select(s => new object[] { (long)s });

    [Theory]
    [MemberData(nameof(PropertySeeds))]
    public void RandomCrashesDropsDuplicates_AfterRecovery_EveryServiceProcessedEveryEventOnce(long seed)
    {
        var cluster = Create(seed);
        var chaos = new SeededRandom(seed).Derive("test-faults");
        int applied = 0;
        while (cluster.Clock.Now < TimeSpan.FromSeconds(20))
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(1500)));
            applied += TryRandomInput(cluster, chaos) ? 1 : 0;
        }
        Assert.True(applied > 5, $"Seed {seed}: only {applied} faults applied.");

        foreach (var fault in cluster.Faults.Active.ToList())
        {
            cluster.ClearFault(fault.Id);
        }
        Assert.True(StopAndSettle(cluster, TimeSpan.FromSeconds(120)), $"Seed {seed}: the cluster did not settle.");

        foreach (var view in cluster.Invariants.Views())
        {
            Assert.True(view.Violations == 0, $"Seed {seed}: {view.Id}: {view.LastViolation}");
        }
        foreach (var service in cluster.EventDetails().Services.Where(s => s.KnownToSignup))
        {
            Assert.True(service.Records == cluster.Signup.Produced,
                $"Seed {seed}: {service.Name} holds {service.Records} records for {cluster.Signup.Produced} registrations.");
        }
        Assert.Equal(0, cluster.Stats.Sum(s => s.DeadLettered));
    }

    private static bool TryRandomInput(EventDrivenCluster cluster, SeededRandom chaos) =>
        RandomInputs.TryApply(cluster, chaos, RandomFaults, [.. cluster.Nodes.Select(n => n.Id)], skew: 2);
}
