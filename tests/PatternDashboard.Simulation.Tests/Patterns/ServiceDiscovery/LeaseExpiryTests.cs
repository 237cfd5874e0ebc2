using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;
using static PatternDashboard.Simulation.Tests.Patterns.ServiceDiscovery.ServiceDiscoveryTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ServiceDiscovery;

/// <summary>Leases: a killed instance is evicted one lease after its last heartbeat, never earlier, and clients call it until then and one cache refresh more.</summary>
public sealed class LeaseExpiryTests
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 40).Select(s => new object[] { (long)s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void KilledInstance_LeavesTheRegistryOneLeaseAfterItsLastHeartbeat(long seed)
    {
        var cluster = Create(seed);
        var chaos = new SeededRandom(seed).Derive("test");
        cluster.RunFor(TimeSpan.FromSeconds(10) + chaos.NextTime(TimeSpan.Zero, TimeSpan.FromSeconds(3)));
        string victim = InstanceId(1 + chaos.Next(cluster.Instances.Count));
        var lastHeard = cluster.Registry.Entry(victim)!.LastRenewal;

        Inject(cluster, Fault.Kill, victim);
        var died = cluster.Clock.Now;
        var evicted = RunUntil(cluster, () => !IsRegistered(cluster, victim), TimeSpan.FromSeconds(30));

        Assert.True(evicted is not null, $"Seed {seed}: {victim} still registered 30 s after it died.");
        var lease = cluster.Settings.Lease;
        // The heartbeat in flight when it died may still renew it.
        var renewedAt = cluster.Timeline.Last(victim, LeaseEventKind.Renewed)?.Time is { } t && t >= lastHeard.TotalSeconds
            ? TimeSpan.FromSeconds(t) : lastHeard;
        Assert.True(evicted!.Value >= renewedAt + lease,
            $"Seed {seed}: {victim} evicted at {evicted.Value.TotalSeconds:0.00} s, before its lease from {renewedAt.TotalSeconds:0.00} s ran out.");
        Assert.True(evicted.Value - died <= lease + RegistryPolicy.EvictionSweep + TimeSpan.FromMilliseconds(20),
            $"Seed {seed}: {victim} died at {died.TotalSeconds:0.00} s and left at {evicted.Value.TotalSeconds:0.00} s, more than one lease later.");
        Assert.Contains(cluster.Timeline.Since(victim, died.TotalSeconds), e => e.Kind == LeaseEventKind.Expired);
        Assert.True(cluster.Invariants.AllHold, $"Seed {seed}: {string.Join("; ", cluster.Invariants.Views().Where(v => !v.Holds).Select(v => v.LastViolation))}");
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    public void KilledInstance_ClientsCallItUntilItsLeaseExpiresAndTheirCachesRefresh(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Inject(cluster, Fault.Kill, InstanceId(1));
        var died = cluster.Clock.Now;

        cluster.RunFor(TimeSpan.FromSeconds(30));

        var window = Assert.Single(cluster.Calls.Instance(InstanceId(1)).Windows);
        var settings = cluster.Settings;
        double called = window.LastCall - died.TotalSeconds;
        Assert.True(called >= (settings.Lease - settings.Heartbeat).TotalSeconds,
            $"Seed {seed}: the last call to the dead instance came {called:0.00} s after its death, before its lease could have run out.");
        Assert.True(called <= (settings.Lease + RegistryPolicy.EvictionSweep + settings.CacheRefresh).TotalSeconds + 0.1,
            $"Seed {seed}: clients still called the dead instance {called:0.00} s after its death, beyond a lease plus a cache refresh.");
        Assert.True(cluster.Calls.FailedWhileDead > 10, $"Seed {seed}: only {cluster.Calls.FailedWhileDead} calls failed on the dead instance.");
        Assert.All(cluster.Clients, c => Assert.DoesNotContain(InstanceId(1), c.Cache));
    }

    [Fact]
    public void BreakIt_NoLeaseExpiry_DeadInstanceStaysAndCallsKeepFailing()
    {
        var cluster = Create(4);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Inject(cluster, Fault.NoLeaseExpiry);
        Inject(cluster, Fault.Kill, InstanceId(2));

        cluster.RunFor(TimeSpan.FromSeconds(30));
        long failedBefore = cluster.Calls.FailedWhileDead;
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.True(IsRegistered(cluster, InstanceId(2)));
        Assert.True(cluster.Calls.FailedWhileDead - failedBefore > 20, "Calls to the dead instance should go on failing.");
        var monitor = cluster.Invariants.Views().Single(v => v.Id == DeadInstanceLeavesMonitor.MonitorId);
        Assert.False(monitor.Holds);
        Assert.Contains("still registered", monitor.LastViolation);
    }

    [Fact]
    public void Options_HeartbeatNotShorterThanLease_Refused()
    {
        var error = Assert.Throws<SimulationInputException>(() => Create(1, new() { [Option.LeaseSeconds] = 3, [Option.HeartbeatSeconds] = 3 }));
        Assert.Contains("shorter than the lease", error.Message);
    }
}
