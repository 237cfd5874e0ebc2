using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>What the Service Discovery page shows beyond the nodes.</summary>
/// <param name="Mode">"client-side" or "server-side".</param>
/// <param name="SelfPreserving">True while self-preservation holds eviction back: the invariant's stated exception.</param>
/// <param name="LeaseExpiry">False while "break it" keeps every lease alive.</param>
/// <param name="DeadRegistered">Dead instances the registry still lists.</param>
/// <param name="TimelineFrom">Where the lease timeline starts, in simulated seconds (it covers the last minute).</param>
public sealed record ServiceDiscoveryDetails(
    string Mode,
    bool RegistryUp,
    bool SelfPreservationEnabled,
    bool SelfPreserving,
    bool LeaseExpiry,
    int RecentRenewals,
    int ExpectedRenewals,
    double RenewalThresholdPercent,
    double LeaseSeconds,
    double HeartbeatSeconds,
    double CacheRefreshSeconds,
    int Registered,
    int LiveInstances,
    int DeadRegistered,
    CallTotals Calls,
    double TimelineFrom,
    IReadOnlyList<RegistryRow> Table,
    IReadOnlyList<InstanceView> Instances,
    IReadOnlyList<CacheView> Caches);

/// <summary>One row of the registry's table.</summary>
/// <param name="Status">"registered", or why an entry whose lease ran out is still listed.</param>
/// <param name="Process">What the instance really is: "up", "paused", "dead" or "scaled in".</param>
/// <param name="LeaseAge">Seconds since the registry last heard from the instance.</param>
public sealed record RegistryRow(string InstanceId, string Status, string Process, double LeaseAge, double LeaseRemaining, long Renewals, int Missed);

/// <summary>One instance: its state, the calls it got, its lease events of the last minute and when it was called while dead.</summary>
/// <param name="CachedBy">The clients and load balancer whose caches list it.</param>
public sealed record InstanceView(
    string Id, string Label, string State, string Process, double? DiedAt, long Sent, long Answered, long Failed, long FailedWhileDead,
    IReadOnlyList<LeaseEvent> Events, IReadOnlyList<DeadCallWindow> DeadCallWindows, IReadOnlyList<string> CachedBy);

/// <summary>One client's (or the load balancer's) cached view of the registry.</summary>
/// <param name="Routing">True when this cache decides where calls go in the current mode.</param>
/// <param name="Age">Seconds since the registry last answered it, or null before any answer.</param>
/// <param name="DeadListed">Cached instances that are dead.</param>
public sealed record CacheView(
    string NodeId, string Label, string Role, bool Up, bool Routing, bool Stale, bool CutOff, double? Age,
    IReadOnlyList<string> Instances, IReadOnlyList<string> DeadListed, long Answered, long Failed, long NoInstance);

/// <summary>Every call of the run, and the rates of the last second (the failed-to-dead figure over the last 10 s).</summary>
public sealed record CallTotals(long Answered, long Failed, long NoInstance, long FailedToDead, double AnsweredPerSecond, double FailedPerSecond, long FailedToDeadLast10s);

public sealed partial class ServiceDiscoveryCluster
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromSeconds(10);

    public ServiceDiscoveryDetails Details()
    {
        var now = Clock.Now;
        double from = Math.Max(0, (now - LeaseTimeline.Window).TotalSeconds);
        var table = Registry.IsUp ? Registry.Entries.Select(Row).ToList() : [];
        var caches = new List<RegistryCacheNode>(clients) { Balancer };
        var second = Calls.Outcomes.Over(now, RateWindow);
        long clientAnswered = clients.Sum(c => Calls.Client(c.Id).Answered);
        long clientFailed = clients.Sum(c => Calls.Client(c.Id).Failed);
        long noInstance = clients.Sum(c => Calls.Client(c.Id).NoInstance);
        return new ServiceDiscoveryDetails(
            DiscoveryModes.Word(Mode), Registry.IsUp, Policy.SelfPreservation, Registry.IsUp && Registry.SelfPreserving, Policy.LeaseExpiry,
            Registry.RecentRenewals, Registry.ExpectedRenewals, Math.Round(Policy.RenewalThreshold * 100, 1),
            Settings.Lease.TotalSeconds, Settings.Heartbeat.TotalSeconds, Settings.CacheRefresh.TotalSeconds,
            table.Count, instances.Count(i => i.IsUp), table.Count(r => r.Process is ProcessWord.Dead or ProcessWord.Retired),
            new CallTotals(clientAnswered, clientFailed, noInstance, Calls.FailedWhileDead, second.Success, second.Failure + second.NoSlot,
                Calls.DeadOutcomes.Over(now, RecentWindow).Failure),
            from, table,
            [.. instances.Select(i => InstanceView(i, from, caches))],
            [.. caches.Select(CacheView)]);
    }

    private static class ProcessWord
    {
        public const string Up = "up";
        public const string Paused = "paused";
        public const string Dead = "dead";
        public const string Retired = "scaled in";
    }

    private static string Process(ServiceInstanceNode instance) => instance.Lifecycle switch
    {
        NodeLifecycle.Up => ProcessWord.Up,
        NodeLifecycle.Paused => ProcessWord.Paused,
        _ => instance.Retired ? ProcessWord.Retired : ProcessWord.Dead,
    };

    private RegistryRow Row(RegistryEntry entry)
    {
        var age = Clock.Now - entry.LastRenewal;
        string status = !entry.Expired ? "registered" : Policy.LeaseExpiry ? "lease over, kept by self-preservation" : "lease over, kept: expiry is off";
        string process = instanceById.TryGetValue(entry.InstanceId, out var node) ? Process(node) : "unknown";
        return new RegistryRow(entry.InstanceId, status, process, Math.Round(age.TotalSeconds, 3),
            Math.Round(Math.Max(0, (Policy.Lease - age).TotalSeconds), 3), entry.Renewals, entry.Missed);
    }

    private InstanceView InstanceView(ServiceInstanceNode instance, double from, List<RegistryCacheNode> caches)
    {
        var calls = Calls.Instance(instance.Id);
        return new InstanceView(instance.Id, instance.Label, InstanceState(instance), Process(instance),
            instance.Lifecycle == NodeLifecycle.Crashed ? instance.DiedAt?.TotalSeconds : null,
            calls.Sent, calls.Answered, calls.Failed, calls.FailedWhileDead,
            Timeline.Since(instance.Id, from), [.. calls.Windows.Where(w => w.LastCall >= from || w.DiedAt >= from)],
            [.. caches.Where(c => c.Cache.Contains(instance.Id)).Select(c => c.Id)]);
    }

    private CacheView CacheView(RegistryCacheNode cache)
    {
        bool isBalancer = cache == Balancer;
        var stats = isBalancer ? null : Calls.Client(cache.Id);
        return new CacheView(cache.Id, cache.Label, isBalancer ? "load balancer" : "client", cache.IsUp, RoutingCaches.Contains(cache),
            cache.IsStale, !isBalancer && Faults.IsActive(ServiceDiscoveryPattern.Fault.PartitionClient, cache.Id),
            cache.LastRefresh is { } last ? Math.Round((Clock.Now - last).TotalSeconds, 3) : null,
            [.. cache.Cache], [.. cache.Cache.Where(IsDead)],
            stats?.Answered ?? Balancer.Answered, stats?.Failed ?? Balancer.Failed, stats?.NoInstance ?? Balancer.NoInstance);
    }
}
