using PatternDashboard.Simulation.Patterns.Sidecar;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sidecar.SidecarTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Sidecar;

/// <summary>A setting changed live in the sidecar leaves the app alone; written into the app, it costs a redeploy and its downtime.</summary>
public sealed class LiveSettingTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(20);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Tls13_Sidecar_ProxyRunsItWithinASecond_AppNeverStopsNorRebuilds(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        long failures = cluster.ClientStats.Total.Failure;
        Inject(cluster, Fault.Tls13);
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(Tls.V13, cluster.Proxy.Policy.Policy.Tls);
        cluster.RunFor(TimeSpan.FromSeconds(14));
        Assert.Equal(1, cluster.App.Build);
        Assert.Equal(AppPhase.Serving, cluster.App.Phase);
        Assert.Equal(0, cluster.SettingRedeploys);
        Assert.Equal(failures, cluster.ClientStats.Total.Failure);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void ChangeTimeout_Sidecar_NextCallsUseIt_WithoutTouchingTheApp(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        long before = cluster.ClientStats.Total.Failure;
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(before, cluster.ClientStats.Total.Failure); // 500 ms: every remote call fits

        Inject(cluster, Fault.ChangeTimeout, value: 50);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        long atChange = cluster.ClientStats.Total.Failure;
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(50, cluster.Proxy.Policy.Policy.Timeout.TotalMilliseconds);
        Assert.True(cluster.ClientStats.Total.Failure > atChange, "with 50 ms the slowest remote calls now time out in the proxy");
        Assert.Equal(1, cluster.App.Build);
        Assert.Equal(0, cluster.SettingRedeploys);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Tls13_ConcernsInApp_RebuildAndRedeploy_DowntimeAndFailedRequests(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.ConcernsInApp);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.Tls13);
        cluster.RunFor(SidecarCosts.Build + TimeSpan.FromMilliseconds(100));

        Assert.False(cluster.App.IsUp);
        Assert.Equal(RedeployPhase.Down, cluster.Redeploy);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(2, cluster.App.Build);
        Assert.Equal(Tls.V13, cluster.App.BuiltPolicy.Tls);
        Assert.Equal(1, cluster.SettingRedeploys);
        Assert.InRange(cluster.LastDowntimeSeconds, 2.4, 2.6); // the redeploy gap plus the app's start
        Assert.True(cluster.FailedDuringLastRedeploy > 30, $"{cluster.FailedDuringLastRedeploy} requests failed during the downtime");
        Assert.False(cluster.Invariants.AllHold);
    }
}
