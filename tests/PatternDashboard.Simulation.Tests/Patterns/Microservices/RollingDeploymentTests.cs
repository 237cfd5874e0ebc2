using PatternDashboard.Simulation.Patterns.Microservices;
using PatternDashboard.Simulation.Patterns.Shared.Deployment;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Microservices.MicroservicesTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Microservices;

/// <summary>Rolling deployments in the running cluster: within their bounds at every event, a bad version held back by its probe.</summary>
public sealed class RollingDeploymentTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(20);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Rollout_AtEveryEvent_StaysWithinSurgeAndUnavailable_AndCompletes(long seed)
    {
        // Seeds vary the shares too, so both bounds are exercised.
        double[] shares = [25, 50, 0, 100];
        var options = new Dictionary<string, double>
        {
            [Option.MaxSurgePercent] = shares[seed % 4],
            [Option.MaxUnavailablePercent] = shares[(seed + 1) % 4],
            [Option.Replicas] = 2 + seed % 6,
        };
        var cluster = Create(seed, options);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        var deployment = cluster.Deployment(Service.Orders);
        var bounds = deployment.Bounds;
        int replicas = deployment.Replicas;
        int maxLive = 0, minReady = int.MaxValue;
        cluster.Scheduler.EventExecuted += () =>
        {
            maxLive = Math.Max(maxLive, deployment.Live);
            minReady = Math.Min(minReady, deployment.Ready);
        };
        var start = Mark(cluster, "order");
        Inject(cluster, Fault.Deploy, InstanceId(Service.Orders, 1));
        cluster.RunFor(TimeSpan.FromSeconds(60));

        Assert.True(deployment.IsComplete, $"rollout did not finish: {deployment.Updated} updated, {deployment.Ready} ready");
        Assert.All(deployment.Slots.Where(s => s.IsLive), s => Assert.Equal("v2", s.Version!.Name));
        Assert.True(maxLive <= replicas + bounds.MaxSurge, $"{maxLive} instances with {replicas} replicas and surge {bounds.MaxSurge}");
        Assert.True(minReady >= replicas - bounds.MaxUnavailable, $"{minReady} ready with {replicas} replicas and unavailable {bounds.MaxUnavailable}");
        if (bounds.MaxUnavailable < replicas)
        {
            Assert.True(ServedSince(cluster, "order", start) > 0.97, "orders kept serving while rolled");
        }
        Assert.True(bounds.MaxUnavailable == replicas || cluster.Invariants.TotalViolations == 0);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void BadVersion_WithReadinessProbe_IsHeldBack(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        var deployment = cluster.Deployment(Service.Payments);
        var start = Mark(cluster, "pay");
        Inject(cluster, Fault.DeployBug, InstanceId(Service.Payments, 1));
        cluster.RunFor(TimeSpan.FromSeconds(40));

        Assert.True(deployment.IsStalled);
        Assert.True(deployment.Ready >= deployment.Replicas - deployment.Bounds.MaxUnavailable);
        Assert.All(deployment.Slots.Where(s => s.Version?.IsBroken == true), s => Assert.False(s.IsReady));
        Assert.All(cluster.Instances.Where(i => i.Version?.IsBroken == true), i => Assert.Equal(0, i.Served));
        Assert.True(ServedSince(cluster, "pay", start) > 0.97);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void BadVersion_WithoutProbe_TakesTraffic_AndRollbackHeals(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        var deployment = cluster.Deployment(Service.Payments);
        Inject(cluster, Fault.DeployBugNoProbe, InstanceId(Service.Payments, 1));
        cluster.RunFor(TimeSpan.FromSeconds(40));

        Assert.True(deployment.IsComplete, "without a probe nothing holds the bad version back");
        Assert.True(cluster.Instances.Where(i => i.Version?.IsBroken == true).Sum(i => i.Errors) > 0);
        Assert.Equal("down", Feature(cluster, "pay").Status);
        Assert.Equal("works", Feature(cluster, "browse").Status);

        Inject(cluster, Fault.Rollback, InstanceId(Service.Payments, 2));
        cluster.RunFor(TimeSpan.FromSeconds(40));
        Assert.True(deployment.IsComplete);
        Assert.Equal("v1", deployment.Target.Name);
        Assert.Equal("works", Feature(cluster, "pay").Status);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Scale_ChangesOnlyThatService(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.Scale, InstanceId(Service.Catalog, 1), 7);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(7, cluster.Deployment(Service.Catalog).Ready);
        Assert.Equal(4, cluster.Deployment(Service.Users).Ready);
        Inject(cluster, Fault.Scale, InstanceId(Service.Catalog, 1), 4);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(4, cluster.Deployment(Service.Catalog).Live);
        Assert.Equal(InstancePhase.Vacant, cluster.Deployment(Service.Catalog).Slots[^1].Phase);
    }

    [Fact]
    public void BothSharesZero_IsRefusedWithAClearError()
    {
        var error = Assert.Throws<PatternDashboard.Simulation.Kernel.SimulationInputException>(() =>
            Create(1, new() { [Option.MaxSurgePercent] = 0, [Option.MaxUnavailablePercent] = 0 }));
        Assert.Contains("cannot both be 0 %", error.Message);
    }
}
