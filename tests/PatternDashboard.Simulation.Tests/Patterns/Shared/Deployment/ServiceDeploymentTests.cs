using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Deployment;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.Deployment;

/// <summary>The deployment controller: Kubernetes' rounding of the bounds, rolling updates within them, the probe, scaling, slot reuse.</summary>
public sealed class ServiceDeploymentTests
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 40).Select(s => new object[] { (long)s });

    [Theory]
    [InlineData(4, 0.25, 0.25, 1, 1)]
    [InlineData(10, 0.25, 0.25, 3, 2)]
    [InlineData(3, 0, 0.1, 0, 1)]
    [InlineData(5, 1, 0, 5, 0)]
    [InlineData(1, 0.25, 0.25, 1, 0)]
    public void FromShares_RoundsSurgeUpAndUnavailableDown(int replicas, double surge, double unavailable, int maxSurge, int maxUnavailable) =>
        Assert.Equal(new RolloutBounds(maxSurge, maxUnavailable), RolloutBounds.FromShares(replicas, surge, unavailable));

    [Theory]
    [InlineData(0, 0.25, 0.25)]
    [InlineData(4, 0, 0)]
    [InlineData(4, 1.5, 0)]
    [InlineData(4, -0.1, 0.2)]
    public void FromShares_BadInput_IsRefusedWithAReason(int replicas, double surge, double unavailable)
    {
        var error = Assert.Throws<SimulationInputException>(() => RolloutBounds.FromShares(replicas, surge, unavailable));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RollOut_AtEveryEvent_KeepsWithinSurgeAndUnavailable_ThenCompletes(long seed)
    {
        var random = new SeededRandom(seed);
        int replicas = random.Next(1, 9);
        double[] shares = [0, 0.1, 0.25, 0.5, 1];
        double surge = shares[random.Next(shares.Length)];
        double unavailable = surge == 0 ? shares[random.Next(1, shares.Length)] : shares[random.Next(shares.Length)];
        var simulation = new DeploymentTestSimulation(seed, replicas, surge, unavailable);
        var deployment = simulation.Deployment;
        simulation.RunFor(TimeSpan.FromSeconds(random.Next(1, 5)));
        var bounds = deployment.Bounds;
        var seen = new List<string>();
        simulation.Scheduler.EventExecuted += () =>
        {
            if (deployment.Live > replicas + bounds.MaxSurge || deployment.Ready < replicas - bounds.MaxUnavailable)
            {
                seen.Add($"{simulation.Clock.Now}: {deployment.Live} live, {deployment.Ready} ready");
            }
        };
        deployment.RollOut(ServiceVersion.First.Next(broken: false), probe: true);
        simulation.RunFor(TimeSpan.FromSeconds(90));

        Assert.True(seen.Count == 0, $"{replicas} replicas, bounds {bounds}: {string.Join("; ", seen.Take(3))}");
        Assert.True(deployment.IsComplete, $"{replicas} replicas, bounds {bounds}: {deployment.Updated} updated, {deployment.Ready} ready");
        Assert.False(deployment.IsStalled);
        // Slots are reused once vacant: besides the live ones, only those still draining (at most one step's worth) add to them.
        Assert.True(deployment.Slots.Count <= replicas + 2 * bounds.MaxSurge + bounds.MaxUnavailable, $"{deployment.Slots.Count} slots");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BrokenVersion_WithProbe_NeverTakesTraffic_AndStalls(long seed)
    {
        int replicas = 2 + (int)(seed % 7);
        var simulation = new DeploymentTestSimulation(seed, replicas, 0.25, 0.25);
        var deployment = simulation.Deployment;
        deployment.RollOut(ServiceVersion.First.Next(broken: true), probe: true);
        simulation.RunFor(TimeSpan.FromSeconds(60));

        var broken = deployment.Slots.Where(s => s.Version!.IsBroken).Cast<TestInstance>().ToList();
        Assert.NotEmpty(broken);
        Assert.All(broken, s => Assert.Equal(0, s.Joined));
        Assert.True(deployment.IsStalled);
        Assert.False(deployment.IsComplete);
        Assert.True(deployment.Ready >= replicas - deployment.Bounds.MaxUnavailable);
        Assert.True(deployment.Live <= replicas + deployment.Bounds.MaxSurge);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BrokenVersion_WithoutProbe_TakesTrafficAndCompletes(long seed)
    {
        int replicas = 2 + (int)(seed % 7);
        var simulation = new DeploymentTestSimulation(seed, replicas, 0.25, 0.25);
        var deployment = simulation.Deployment;
        deployment.RollOut(ServiceVersion.First.Next(broken: true), probe: false);
        simulation.RunFor(TimeSpan.FromSeconds(90));

        Assert.True(deployment.IsComplete);
        Assert.All(deployment.Slots.Where(s => s.IsLive), s => Assert.True(s.IsReady && s.Version!.IsBroken));

        // Rolling back brings the good version back within the same bounds.
        deployment.RollOut(ServiceVersion.First, probe: true);
        simulation.RunFor(TimeSpan.FromSeconds(90));
        Assert.True(deployment.IsComplete);
        Assert.All(deployment.Slots.Where(s => s.IsLive), s => Assert.Equal(ServiceVersion.First, s.Version));
    }

    [Fact]
    public void Scale_UpThenDown_AddsReadyInstancesThenStopsTheNewestAndReusesSlots()
    {
        var simulation = new DeploymentTestSimulation(1, 4, 0.25, 0.25);
        var deployment = simulation.Deployment;
        deployment.Scale(7);
        simulation.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(7, deployment.Ready);
        deployment.Scale(2);
        simulation.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(2, deployment.Live);
        Assert.Equal(["svc-1", "svc-2"], deployment.Slots.Where(s => s.IsLive).Select(s => s.Id));
        deployment.Scale(5);
        simulation.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(5, deployment.Ready);
        Assert.Equal(7, deployment.Slots.Count);
    }

    [Fact]
    public void KilledInstance_LeavesTrafficAtOnce_AndComesBackAfterStartupAndProbe()
    {
        var simulation = new DeploymentTestSimulation(1, 4, 0.25, 0.25);
        var deployment = simulation.Deployment;
        var instance = (TestInstance)deployment.Slots[0];
        instance.Crash();
        Assert.Equal(1, instance.Left);
        Assert.Equal(3, deployment.Ready);
        instance.Restart();
        simulation.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal(InstancePhase.Starting, instance.Phase);
        simulation.RunFor(TimeSpan.FromSeconds(2));
        Assert.True(instance.IsReady);
        Assert.Equal(2, instance.Joined);
    }
}
