using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sidecar.SidecarTestSupport;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Sidecar;

namespace PatternDashboard.Simulation.Tests.Patterns.Sidecar;

/// <summary>The pod's containers share one lifecycle: they stop together and start in order, sidecars first.</summary>
public sealed class PodLifecycleTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(20);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashApp_EverySidecarGoesDownWithIt(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.CrashApp);

        Assert.False(cluster.App.IsUp);
        Assert.All(cluster.Sidecars, s => Assert.False(s.IsUp, $"{s.Label} still runs"));
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.All(cluster.Sidecars, s => Assert.False(s.IsUp));
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void ClearCrash_SidecarsStartFirst_AppServesOnlyOnceItsProxyIsReady(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var crash = Inject(cluster, Fault.CrashApp)!;
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.ClearFault(crash.Id);
        double restartedAt = cluster.Clock.Now.TotalSeconds;

        Assert.All(cluster.Sidecars, s => Assert.True(s.IsUp));
        Assert.Equal(AppPhase.WaitingForProxy, cluster.App.Phase);
        Assert.True(RunUntil(cluster, () => cluster.App.Phase == AppPhase.Serving, TimeSpan.FromSeconds(10)));

        var steps = cluster.StartOrder;
        double proxyReady = steps.First(s => s.What == "TLS proxy ready").Time;
        double appStarting = steps.First(s => s.What.StartsWith("app build", StringComparison.Ordinal)).Time;
        Assert.True(proxyReady >= restartedAt + cluster.Settings.ProxyStartup.TotalSeconds - 0.001);
        Assert.True(appStarting >= proxyReady, $"app started at {appStarting}, proxy ready at {proxyReady}");
        Assert.Equal(0, cluster.App.FirstCallsFailed);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashApp_SharedBufferOutlivesThePod_NoLineLost(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var crash = Inject(cluster, Fault.CrashApp)!;
        long buffered = cluster.SharedBuffer.Count;
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Assert.Equal(buffered, cluster.SharedBuffer.Count);
        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.True(cluster.LogStore.StoredUpTo(LogSource.Shipper) >= cluster.SharedBuffer.First - 1);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Fact]
    public void CrashLogShipper_WhilePodIsDown_RefusedWithAReason()
    {
        var cluster = Create(1);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.CrashApp);

        var refused = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.CrashLogShipper));
        Assert.Contains("pod is down", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashShipperThenApp_ClearTheAppFirst_ShipperStaysDownUntilItsOwnFaultEnds(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var shipper = Inject(cluster, Fault.CrashLogShipper)!;
        var app = Inject(cluster, Fault.CrashApp)!;
        cluster.RunFor(TimeSpan.FromSeconds(2));
        cluster.ClearFault(app.Id);

        Assert.True(cluster.Proxy.IsUp);
        Assert.False(cluster.Shipper.IsUp);
        cluster.ClearFault(shipper.Id);
        Assert.True(cluster.Shipper.IsUp);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }
}
