using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;
using static PatternDashboard.Simulation.Tests.Patterns.ServiceDiscovery.ServiceDiscoveryTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ServiceDiscovery;

/// <summary>Client-side and server-side discovery, stale caches, a lost registry and self-preservation.</summary>
public sealed class DiscoveryModeTests
{
    [Fact]
    public void ClientSide_ClientsCallInstancesDirectly_ServerSide_EveryCallGoesThroughTheBalancer()
    {
        var cluster = Create(5);
        cluster.RunFor(TimeSpan.FromSeconds(15));
        Assert.Equal(0, cluster.Balancer.Forwarded);
        Assert.All(cluster.Clients, c => Assert.Equal(3, c.Cache.Count));
        long servedBefore = cluster.Instances.Sum(i => i.Served);

        Inject(cluster, Fault.ServerSide);
        var refreshes = cluster.Clients.Select(c => c.Refreshes).ToList();
        long failedBefore = cluster.Clients.Sum(c => cluster.Calls.Client(c.Id).Failed);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.InRange(cluster.Balancer.Forwarded, 200, 400); // 3 clients x 5 calls/s x 20 s
        Assert.Equal(refreshes, cluster.Clients.Select(c => c.Refreshes));
        Assert.Equal(failedBefore, cluster.Clients.Sum(c => cluster.Calls.Client(c.Id).Failed));
        Assert.All(cluster.Instances, i => Assert.True(i.Served > servedBefore / 3, $"{i.Id} served {i.Served}: the balancer should spread calls."));

        Inject(cluster, Fault.ClientSide);
        long forwarded = cluster.Balancer.Forwarded;
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.InRange(cluster.Balancer.Forwarded - forwarded, 0, 3); // calls already on their way
        Assert.All(cluster.Clients, c => Assert.False(c.IsStale));
    }

    [Fact]
    public void ServerSide_KilledInstance_OnlyTheBalancersCacheMatters()
    {
        var cluster = Create(6);
        Inject(cluster, Fault.ServerSide);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Inject(cluster, Fault.Kill, InstanceId(3));
        var died = cluster.Clock.Now;

        var dropped = RunUntil(cluster, () => !cluster.Balancer.Cache.Contains(InstanceId(3)), TimeSpan.FromSeconds(30));
        cluster.RunFor(TimeSpan.FromSeconds(5));

        var settings = cluster.Settings;
        Assert.True(dropped is { } d && d - died <= settings.Lease + RegistryPolicy.EvictionSweep + settings.CacheRefresh + TimeSpan.FromMilliseconds(50));
        var window = Assert.Single(cluster.Calls.Instance(InstanceId(3)).Windows);
        Assert.True(window.LastCall <= dropped!.Value.TotalSeconds, "The balancer called the dead instance after its cache dropped it.");
        Assert.True(cluster.Calls.FailedWhileDead > 10);
    }

    [Fact]
    public void ClientCutOffFromTheRegistry_KeepsCallingADeadInstanceUntilItCanRefresh()
    {
        var cluster = Create(7);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        var cut = Inject(cluster, Fault.PartitionClient, ClientId(1))!;
        Inject(cluster, Fault.Kill, InstanceId(2));

        cluster.RunFor(cluster.Settings.Lease + cluster.Settings.CacheRefresh + TimeSpan.FromSeconds(3));

        var stale = cluster.Clients[0];
        Assert.Contains(InstanceId(2), stale.Cache);
        Assert.True(stale.IsStale);
        Assert.All(cluster.Clients.Skip(1), c => Assert.DoesNotContain(InstanceId(2), c.Cache));
        long failedStale = cluster.Calls.Client(ClientId(1)).Failed;
        var othersFailed = cluster.Clients.Skip(1).Select(c => cluster.Calls.Client(c.Id).Failed).ToList();
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.True(cluster.Calls.Client(ClientId(1)).Failed - failedStale >= 3, "The cut-off client should keep failing on its stale cache.");
        Assert.Equal(othersFailed, cluster.Clients.Skip(1).Select(c => cluster.Calls.Client(c.Id).Failed));

        cluster.ClearFault(cut.Id);
        var healed = cluster.Clock.Now;
        var refreshed = RunUntil(cluster, () => !stale.Cache.Contains(InstanceId(2)), TimeSpan.FromSeconds(10));
        Assert.True(refreshed is { } r && r - healed <= cluster.Settings.CacheRefresh + TimeSpan.FromMilliseconds(100));
        cluster.RunFor(cluster.Settings.CallTimeout + TimeSpan.FromMilliseconds(100));
        long failedAfter = cluster.Calls.Client(ClientId(1)).Failed;
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(failedAfter, cluster.Calls.Client(ClientId(1)).Failed);
    }

    [Fact]
    public void RegistryCrash_CachesKeepServing_InstancesRegisterAgainAfterItsRestart()
    {
        var cluster = Create(8);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        var crash = Inject(cluster, Fault.CrashRegistry)!;
        long failed = cluster.Clients.Sum(c => cluster.Calls.Client(c.Id).Failed);

        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(failed, cluster.Clients.Sum(c => cluster.Calls.Client(c.Id).Failed));
        Assert.All(cluster.Clients, c => Assert.True(c.IsStale && c.Cache.Count == 3));
        cluster.ClearFault(crash.Id);
        Assert.Empty(cluster.Registry.Entries);
        var back = RunUntil(cluster, () => cluster.Registry.Entries.Count == 3, cluster.Settings.Heartbeat + TimeSpan.FromSeconds(1));
        Assert.NotNull(back);
    }

    [Fact]
    public void SelfPreservation_RegistryCutOffFromItsInstances_StopsEvictingAndSaysSo()
    {
        var cluster = Create(9);
        Inject(cluster, Fault.SelfPreservation);
        cluster.RunFor(TimeSpan.FromSeconds(15));
        Assert.False(cluster.Registry.SelfPreserving);
        Inject(cluster, Fault.Isolate, RegistryId);
        Inject(cluster, Fault.Kill, InstanceId(1));

        cluster.RunFor(3 * cluster.Settings.Lease);

        Assert.True(cluster.Registry.SelfPreserving);
        Assert.Equal(3, cluster.Registry.Entries.Count);
        Assert.True(IsRegistered(cluster, InstanceId(1)), "The dead instance should be kept while eviction is stopped.");
        Assert.All(cluster.Registry.Entries, e => Assert.True(e.Expired));
        Assert.True(cluster.Invariants.AllHold, "Self-preservation is the invariant's stated exception.");
        var details = cluster.Details();
        Assert.True(details.SelfPreserving);
        Assert.Equal(1, details.DeadRegistered);
        Assert.Contains(details.Table, r => r.InstanceId == InstanceId(1) && r.Status.Contains("self-preservation") && r.Process == "dead");

        var toggle = cluster.Faults.Active.Single(f => f.FaultId == Fault.SelfPreservation);
        cluster.ClearFault(toggle.Id);
        var evicted = RunUntil(cluster, () => !IsRegistered(cluster, InstanceId(1)), RegistryPolicy.EvictionSweep + TimeSpan.FromMilliseconds(20));
        Assert.NotNull(evicted);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void WithoutSelfPreservation_RegistryCutOffFromItsInstances_EmptiesItself()
    {
        var cluster = Create(9);
        cluster.RunFor(TimeSpan.FromSeconds(15));
        Inject(cluster, Fault.Isolate, RegistryId);

        cluster.RunFor(cluster.Settings.Lease + TimeSpan.FromSeconds(1));

        Assert.Empty(cluster.Registry.Entries);
        Assert.False(cluster.Details().SelfPreserving);
    }

    [Fact]
    public void ScaleOutAndIn_NewInstanceFoundAtTheNextRefresh_RetiredOneLeavesAtOnce()
    {
        var cluster = Create(10);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Inject(cluster, Fault.ScaleOut);
        var found = RunUntil(cluster, () => cluster.Clients.All(c => c.Cache.Contains(InstanceId(4))),
            cluster.Settings.Heartbeat + cluster.Settings.CacheRefresh + TimeSpan.FromSeconds(1));
        Assert.NotNull(found);

        Inject(cluster, Fault.ScaleIn);
        var left = RunUntil(cluster, () => !IsRegistered(cluster, InstanceId(4)), TimeSpan.FromMilliseconds(200));
        Assert.NotNull(left);
        Assert.Contains(cluster.Timeline.Since(InstanceId(4), 0), e => e.Kind == LeaseEventKind.Deregistered);
        Assert.True(cluster.Invariants.AllHold);
    }
}
