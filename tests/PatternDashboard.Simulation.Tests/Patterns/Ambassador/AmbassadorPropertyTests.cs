using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.Ambassador;
using PatternDashboard.Simulation.Tests.TestSupport;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Ambassador.AmbassadorTests;

namespace PatternDashboard.Simulation.Tests.Patterns.Ambassador;

/// <summary>Seeded property tests and replay: each seed picks its own faults, options and times; a failing seed replays exactly.</summary>
public sealed class AmbassadorPropertyTests
{
    public static IEnumerable<object[]> PropertySeeds => Enumerable.Range(30_000, 200).Select(s => new object[] { (long)s });

    [Theory]
    [MemberData(nameof(PropertySeeds))]
    public void RandomFaults_AttemptsNeverExceedTheMaximum(long seed)
    {
        var cluster = RandomRun(seed, TimeSpan.FromSeconds(15));

        var limit = Invariant(cluster, AttemptLimitMonitor.MonitorId);
        Assert.True(limit.Violations == 0, $"Seed {seed}: {limit.LastViolation}");
        Assert.True(cluster.Ambassador.MostAttemptsSeen <= cluster.Settings.MaxAttempts, $"Seed {seed}: {cluster.Ambassador.MostAttemptsSeen} attempts.");
        Assert.True(cluster.InternalErrors == 0, $"Seed {seed}: {cluster.Log.All().FirstOrDefault(e => e.Kind == "error")?.Text}");
        if (!cluster.Inputs.Any(i => i.FaultId == Fault.RetryStorm))
        {
            var budget = Invariant(cluster, RetryBudgetMonitor.MonitorId);
            Assert.True(budget.Violations == 0, $"Seed {seed}: without the storm switch: {budget.LastViolation}");
        }
    }

    [Fact]
    public void Run_UnderASynchronizationContext_IdenticalToPlainThread()
    {
        var saved = SynchronizationContext.Current;
        try
        {
            SynchronizationContext.SetSynchronizationContext(null);
            var plain = RandomRun(61, TimeSpan.FromSeconds(20));
            var context = new CountingContext();
            SynchronizationContext.SetSynchronizationContext(context);
            var underContext = RandomRun(61, TimeSpan.FromSeconds(20));

            Runs.AssertSameRun(61, plain, underContext);
            Assert.Equal(0, context.Posted);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }

    private static AmbassadorCluster RandomRun(long seed, TimeSpan length)
    {
        var chaos = new SeededRandom(seed).Derive("test-faults");
        var cluster = Create(seed, new()
        {
            [Option.MaxAttempts] = chaos.Next(2, 7),
            [Option.BaseDelayMs] = chaos.Next(0, 300),
            [Option.AttemptTimeoutMs] = chaos.Next(100, 800),
            [Option.LoadPerSecond] = chaos.Next(5, 60),
        });
        while (cluster.Clock.Now < length)
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(2000)));
            var definition = Faults[chaos.Next(Faults.Count)];
            if (cluster.Faults.Active.FirstOrDefault(f => f.FaultId == definition.Id) is { } active)
            {
                cluster.ClearFault(active.Id);
                continue;
            }
            double? value = definition.Parameter is { } p ? Math.Round(p.Min + chaos.NextDouble() * (p.Max - p.Min)) : null;
            cluster.InjectFault(new FaultRequest(definition.Id, null, value));
        }
        cluster.RunUntil(length);
        return cluster;
    }

    private sealed class CountingContext : SynchronizationContext
    {
        public int Posted;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref Posted);

        public override SynchronizationContext CreateCopy() => this;
    }
}
