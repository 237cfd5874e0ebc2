using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ServiceMesh;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;
using static PatternDashboard.Simulation.Tests.Patterns.ServiceMesh.ServiceMeshTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ServiceMesh;

/// <summary>The mesh's own facts over many seeds: retry amplification, strict mTLS, and policy that outlives the control plane.</summary>
public sealed class ServiceMeshBehaviourTests
{
    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(ServiceMeshTestSupport))]
    public void RetriesAtEveryHop_LeafFails_LeafLoadIsOnePlusRToTheDepth(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.RetriesEveryHop);
        Inject(cluster, Fault.FailService, PayV1Id, 100);
        Inject(cluster, Fault.FailService, PayV2Id, 100);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        long firstRoot = cluster.RootsStarted;
        cluster.RunFor(TimeSpan.FromSeconds(10));

        // 2 retries at each of 3 hops: every client request that fails costs payments 3 x 3 x 3 = 27 attempts.
        Assert.Equal(27, cluster.ControlPlane.Desired.LeafLoadWhenFailing);
        var perRequest = Enumerable.Range(0, 100).Select(i => cluster.Attempts.Of(firstRoot + i, Service.Payments)).ToList();
        int exactly27 = perRequest.Count(a => a == 27);
        Assert.True(exactly27 >= 80, $"seed {seed}: {exactly27} of 100 requests cost payments 27 attempts: {string.Join(",", perRequest)}");
        Assert.True(perRequest.All(a => a <= 27), $"seed {seed}: a request went past 27: {perRequest.Max()}");
        double load = cluster.LeafLoad(cluster.Clock.Now, TimeSpan.FromSeconds(10));
        Assert.InRange(load, 23, 29);
        Assert.True(Violations(cluster, AttemptsBoundedMonitor.MonitorId) > 0);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(ServiceMeshTestSupport))]
    public void RetriesAtTheEdgeOnly_LeafFails_LeafLoadIsOnePlusR(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.FailService, PayV1Id, 100);
        Inject(cluster, Fault.FailService, PayV2Id, 100);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(3, cluster.ControlPlane.Desired.LeafLoadWhenFailing);
        Assert.InRange(cluster.LeafLoad(cluster.Clock.Now, TimeSpan.FromSeconds(10)), 2.6, 3.05);
        Assert.True(cluster.Attempts.Worst.Attempts <= 3, $"seed {seed}: {cluster.Attempts.Worst}");
        Assert.Equal(0, Violations(cluster, AttemptsBoundedMonitor.MonitorId));
    }

    [Theory]
    [MemberData(nameof(Seeds), 5, MemberType = typeof(ServiceMeshTestSupport))]
    public void RetriesAtEveryHop_OneRetry_LeafLoadIsTwoCubed(long seed)
    {
        var cluster = Create(seed, new() { [Option.Retries] = 1 });
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.RetriesEveryHop);
        Inject(cluster, Fault.FailService, PayV1Id, 100);
        Inject(cluster, Fault.FailService, PayV2Id, 100);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(8, cluster.ControlPlane.Desired.LeafLoadWhenFailing);
        Assert.InRange(cluster.LeafLoad(cluster.Clock.Now, TimeSpan.FromSeconds(10)), 7, 8.3);
    }

    [Theory]
    [MemberData(nameof(Seeds), 20, MemberType = typeof(ServiceMeshTestSupport))]
    public void StrictMtls_PlaintextFromAProxyAndFromOutside_IsRefusedNeverServed(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        Inject(cluster, Fault.MtlsOff, OrdersProxyId);
        Inject(cluster, Fault.OutsideClient);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(0, cluster.PlaintextUnderStrict);
        Assert.Equal(0, Violations(cluster, NoPlaintextUnderStrictMtlsMonitor.MonitorId));
        Assert.True(cluster.Edge(OutsideId, WebId).PlaintextRefused > 50, $"seed {seed}: outside refused {cluster.Edge(OutsideId, WebId).PlaintextRefused}");
        Assert.Equal(0, cluster.Edge(OutsideId, WebId).PlaintextAccepted);
        var toPayments = cluster.Edge(OrdersProxyId, PayV1Id);
        Assert.True(toPayments.PlaintextRefused > 100, $"seed {seed}: orders to pay-v1 refused {toPayments.PlaintextRefused}");
        Assert.Equal(0, toPayments.PlaintextAccepted);
        var details = cluster.Details();
        Assert.All(details.Edges.Where(e => e.Tls != "idle"), e => Assert.True(e.Tls is "mTLS" or "plaintext, refused", $"{e.Label}: {e.Tls}"));
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(ServiceMeshTestSupport))]
    public void PermissiveMtls_PlaintextIsServed_AndStrictAgainRefusesIt(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var permissive = Inject(cluster, Fault.PermissiveMtls)!;
        Inject(cluster, Fault.OutsideClient);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        long accepted = cluster.Edge(OutsideId, WebId).PlaintextAccepted;
        Assert.True(accepted > 20, $"seed {seed}: {accepted} plaintext requests served while permissive.");

        cluster.ClearFault(permissive.Id);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        long acceptedThen = cluster.Edge(OutsideId, WebId).PlaintextAccepted;
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(acceptedThen, cluster.Edge(OutsideId, WebId).PlaintextAccepted);
        Assert.Equal(0, cluster.PlaintextUnderStrict);
    }

    [Theory]
    [MemberData(nameof(Seeds), 20, MemberType = typeof(ServiceMeshTestSupport))]
    public void ControlPlaneCrash_ProxiesKeepTheirPolicy_AndTheNewOneArrivesAfterRestart(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        long before = cluster.ControlPlane.DesiredVersion;
        Assert.All(cluster.AllProxies, p => Assert.Equal(before, p.Applied.Version));

        Inject(cluster, LifecycleFaults.Crash, ControlPlaneId);
        Inject(cluster, Fault.ShiftCanary, value: 60);
        cluster.RunFor(TimeSpan.FromSeconds(15));

        // The new policy waits; traffic goes on under the last one.
        Assert.Equal(before + 1, cluster.ControlPlane.DesiredVersion);
        Assert.All(cluster.AllProxies, p => Assert.Equal(before, p.Applied.Version));
        var waiting = cluster.Details();
        Assert.Equal(60, waiting.CanaryConfigured);
        Assert.Equal(10, waiting.CanaryApplied);
        Assert.InRange(waiting.CanaryObserved, 0, 25);
        Assert.True(cluster.ClientBook.Over(cluster.Clock.Now, TimeSpan.FromSeconds(5)).SuccessRatio > 0.99);

        Inject(cluster, LifecycleFaults.Restart, ControlPlaneId);
        cluster.RunFor(TimeSpan.FromSeconds(1.5));
        Assert.All(cluster.AllProxies, p => Assert.Equal(before + 1, p.Applied.Version));
        cluster.RunFor(TimeSpan.FromSeconds(10));
        var after = cluster.Details();
        Assert.Equal(60, after.CanaryApplied);
        Assert.InRange(after.CanaryObserved, 45, 75);
        Assert.Equal(0, Violations(cluster, PolicyVersionNeverDecreasesMonitor.MonitorId));
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(ServiceMeshTestSupport))]
    public void FailingCanary_IsEjected_AndTrafficRoutesAroundIt(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.ShiftCanary, value: 50);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.FailService, PayV2Id, 100);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        var canary = cluster.Proxy(OrdersProxyId).Upstreams.Single(u => u.AppId == PayV2Id);
        Assert.True(canary.Ejections > 0, $"seed {seed}: pay-v2 never ejected.");
        Assert.InRange(cluster.Details().CanaryObserved, 0, 15);
        Assert.True(cluster.ClientBook.Over(cluster.Clock.Now, TimeSpan.FromSeconds(10)).SuccessRatio > 0.97);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(ServiceMeshTestSupport))]
    public void SlowPayments_MeshTimeoutsStayWithinTheBound_ButEachServicesOwnTimeoutsDoNot(long seed)
    {
        var mesh = Create(seed);
        mesh.RunFor(TimeSpan.FromSeconds(3));
        Inject(mesh, Fault.SlowService, PayV1Id, 800);
        Inject(mesh, Fault.SlowService, PayV2Id, 800);
        mesh.RunFor(TimeSpan.FromSeconds(15));
        Assert.Equal(0, mesh.Attempts.OverBound);

        var inCode = Create(seed);
        inCode.RunFor(TimeSpan.FromSeconds(3));
        Inject(inCode, Fault.PolicyInCode);
        Inject(inCode, Fault.SlowService, PayV1Id, 800);
        Inject(inCode, Fault.SlowService, PayV2Id, 800);
        inCode.RunFor(TimeSpan.FromSeconds(15));
        // Web gives up on orders after 200 ms while orders still tries payments for up to 3 x 300 ms, then asks again.
        Assert.True(inCode.Attempts.OverBound > 0, $"seed {seed}: no request went past the bound.");
        Assert.True(inCode.Attempts.Worst.Attempts > 6, $"seed {seed}: worst {inCode.Attempts.Worst}");
        Assert.True(Violations(inCode, AttemptsBoundedMonitor.MonitorId) > 0);
    }

    [Fact]
    public void Timeouts_EachHopWaitsForTheWholeHopBelow()
    {
        var policy = new MeshPolicy(2, true, 10, true, TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromMilliseconds(300), policy.TimeoutAt(3));
        Assert.Equal(TimeSpan.FromMilliseconds(3 * 325 + 100), policy.TimeoutAt(2));
        Assert.Equal(TimeSpan.FromMilliseconds(3 * (1075 + 25) + 100), policy.TimeoutAt(1));
        var mesh = policy with { RetriesAtEveryHop = false };
        Assert.Equal([2, 0, 0], new[] { mesh.RetriesAt(1), mesh.RetriesAt(2), mesh.RetriesAt(3) });
    }
}
