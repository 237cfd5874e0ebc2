using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Ambassador;
using Xunit.Abstractions;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Simulation.Tests.Patterns.Ambassador;

public sealed class AmbassadorTests(ITestOutputHelper output)
{
    internal static AmbassadorCluster Create(long seed = 1, Dictionary<string, double>? options = null) =>
        (AmbassadorCluster)Descriptor.CreateSimulation(seed, options);

    internal static ActiveFault? Inject(AmbassadorCluster cluster, string faultId, double? value = null) =>
        cluster.InjectFault(new FaultRequest(faultId, null, value));

    [Fact]
    public void Healthy_OneAttemptPerRequestAndEverythingAnswered()
    {
        var cluster = Create(seed: 1);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        var total = cluster.AppStats.Total;
        Assert.InRange(total.Requests, 500, 700);
        Assert.Equal(total.Requests, total.Success);
        Assert.Equal(total.Success, cluster.AttemptStats.Total.Success);
        Assert.Equal(1, cluster.Ambassador.MostAttemptsSeen);
        Assert.True(cluster.Invariants.AllHold);
        Assert.Equal(0, cluster.InternalErrors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TransientErrors_AmbassadorRetriesThemAway_BypassedTheAppSeesThem(long seed)
    {
        double with = SuccessUnderTransientErrors(seed, bypass: false);
        double without = SuccessUnderTransientErrors(seed, bypass: true);

        Assert.True(with > 0.99, $"Seed {seed}: with the ambassador only {with:P1} answered.");
        Assert.InRange(without, 0.85, 0.95);
    }

    [Fact]
    public void TransientErrors_EveryRetryIsLoggedWithItsBackoff()
    {
        var cluster = Create(seed: 3);
        Inject(cluster, Fault.TransientErrors, 30);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        var retries = cluster.Ambassador.OwnLog.Where(r => r.RetryInMs is not null).ToList();
        Assert.NotEmpty(retries);
        Assert.All(retries, r => Assert.InRange(r.RetryInMs!.Value, 1, 10_000));
        Assert.Contains(retries, r => r.Attempt == 2);
        Assert.True(cluster.Ambassador.MostAttemptsSeen <= cluster.Settings.MaxAttempts);
    }

    [Fact]
    public void ShortOutage_WithBackoffAndBudget_LoadStaysWithinBudget()
    {
        var (requests, attempts, cluster) = Outage(seed: 4, storm: false);

        // The budget counts over 10 s, calm seconds included, so the outage may spend what they saved; still far from 4x.
        Assert.True(attempts < requests * 2, $"{attempts} attempts for {requests} requests.");
        Assert.Equal(0, Invariant(cluster, RetryBudgetMonitor.MonitorId).Violations);
        Assert.True(cluster.Ambassador.Budget.Refused > 0);
    }

    [Fact]
    public void ShortOutage_RetryStorm_LoadOnServiceMultipliesAndTheMonitorTurnsRed()
    {
        var (requests, attempts, cluster) = Outage(seed: 4, storm: true);

        Assert.True(attempts > requests * 3.5, $"Only {attempts} attempts for {requests} requests.");
        Assert.True(Invariant(cluster, RetryBudgetMonitor.MonitorId).Violations > 0);
        Assert.Equal(0, Invariant(cluster, AttemptLimitMonitor.MonitorId).Violations);
    }

    [Fact]
    public void AmbassadorCrash_NothingReachesTheService_RestartResumes()
    {
        var cluster = Create(seed: 5);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        var crash = Inject(cluster, Fault.AmbassadorCrash)!;
        cluster.RunFor(TimeSpan.FromMilliseconds(100));
        long received = cluster.Service.Received;
        long answered = cluster.AppStats.Total.Success;

        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(received, cluster.Service.Received);
        Assert.Equal(answered, cluster.AppStats.Total.Success);
        Assert.False(cluster.Details().AmbassadorUp);

        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Assert.True(cluster.Service.Received > received + 50);
        Assert.True(cluster.AppStats.Total.Success > answered + 50);
        Assert.Equal(0, cluster.InternalErrors);
    }

    [Fact]
    public void LatencySpikes_RaiseTheTailLatency()
    {
        var cluster = Create(seed: 6);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        double calm = cluster.Details().LatencyP99;
        Inject(cluster, Fault.LatencySpikes, 300);
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.True(cluster.Details().LatencyP99 > calm + 200, $"p99 {cluster.Details().LatencyP99} ms, calm {calm} ms.");
    }

    [Fact]
    public void Create_OneAttempt_RefusedBecausePollyNeedsARetry()
    {
        Assert.Throws<SimulationInputException>(() => Create(options: new() { [Option.MaxAttempts] = 1 }));
    }

    internal static InvariantView Invariant(SimulationBase simulation, string id) => simulation.Invariants.Views().Single(v => v.Id == id);

    private double SuccessUnderTransientErrors(long seed, bool bypass)
    {
        var cluster = Create(seed);
        if (bypass)
        {
            Inject(cluster, Fault.Bypass);
        }
        Inject(cluster, Fault.TransientErrors);
        cluster.RunFor(TimeSpan.FromSeconds(60));
        var total = cluster.AppStats.Total;
        output.WriteLine($"seed {seed} bypass {bypass}: {total.Success}/{total.Requests}, attempts {cluster.AttemptStats.Total.Completed}");
        Assert.Equal(0, cluster.InternalErrors);
        return total.SuccessRatio;
    }

    /// <summary>A 3 s outage (every request fails) after a calm start; counts requests and the attempts the service saw during it.</summary>
    private (long Requests, long Attempts, AmbassadorCluster Cluster) Outage(long seed, bool storm)
    {
        var cluster = Create(seed);
        if (storm)
        {
            Inject(cluster, Fault.RetryStorm);
        }
        cluster.RunFor(TimeSpan.FromSeconds(5));
        long requestsBefore = cluster.AppStats.Total.Requests, attemptsBefore = cluster.AttemptStats.Total.Completed;
        var down = Inject(cluster, Fault.TransientErrors, 100)!;
        cluster.RunFor(TimeSpan.FromSeconds(3));
        long requests = cluster.AppStats.Total.Requests - requestsBefore, attempts = cluster.AttemptStats.Total.Completed - attemptsBefore;
        cluster.ClearFault(down.Id);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        output.WriteLine($"storm {storm}: {attempts} attempts for {requests} requests; refused {cluster.Ambassador.Budget.Refused}");
        Assert.Equal(0, cluster.InternalErrors);
        return (requests, attempts, cluster);
    }
}
