using PatternDashboard.Simulation.Patterns.Sidecar;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sidecar.SidecarTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Sidecar;

/// <summary>The real start-up ordering problem: an app that starts before its proxy is ready has its first calls fail.</summary>
public sealed class StartupOrderTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(20);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void AppWaitsForItsProxy_FirstCallsSucceed(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(AppPhase.Serving, cluster.App.Phase);
        Assert.Equal(0, cluster.App.FirstCallsFailed);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void StartBeforeReady_FirstCallsFailUntilTheProxyIsReady_ThenTheAppServes(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.StartBeforeReady);
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(AppPhase.Serving, cluster.App.Phase);
        Assert.False(cluster.Proxy.Ready);
        long served = cluster.App.Served;
        cluster.RunFor(TimeSpan.FromSeconds(5));

        // The app started 0.5 s in and retried every 0.5 s until the proxy was ready 2 s in.
        Assert.InRange(cluster.App.FirstCallsFailed, 2, 4);
        Assert.True(cluster.Proxy.Ready);
        Assert.True(cluster.App.Served > served + 50, "once its proxy is ready the app serves again");
        Assert.Contains(cluster.StartOrder, s => s.What.Contains("before its proxy is ready", StringComparison.Ordinal));
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void StartBeforeReady_Cleared_NextRestartWaitsAgain(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var wrongOrder = Inject(cluster, Fault.StartBeforeReady)!;
        cluster.RunFor(TimeSpan.FromSeconds(5));
        cluster.ClearFault(wrongOrder.Id);
        long failed = cluster.App.FirstCallsFailed;
        var crash = Inject(cluster, Fault.CrashApp)!;
        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(failed, cluster.App.FirstCallsFailed);
        Assert.Equal(AppPhase.Serving, cluster.App.Phase);
    }
}
