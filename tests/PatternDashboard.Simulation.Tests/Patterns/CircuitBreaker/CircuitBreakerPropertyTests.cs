using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker.CircuitBreakerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker;

/// <summary>Seeded property tests: each seed picks its own faults, settings and times; a failing seed replays exactly.</summary>
public sealed class CircuitBreakerPropertyTests
{
    public static IEnumerable<object[]> PropertySeeds => Seeds(200, first: 20_000);

    [Theory]
    [MemberData(nameof(PropertySeeds))]
    public void RandomFaultsAndSettings_BreakerInvariantsHold(long seed)
    {
        var cluster = Create(seed);
        var chaos = new SeededRandom(seed).Derive("test-faults");
        var active = new List<string>();
        int applied = 0;

        while (cluster.Clock.Now < TimeSpan.FromSeconds(20))
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(2500)));
            if (active.Count > 0 && chaos.Chance(0.3))
            {
                int k = chaos.Next(active.Count);
                if (cluster.Faults.Contains(active[k]))
                {
                    cluster.ClearFault(active[k]);
                }
                active.RemoveAt(k);
                continue;
            }
            try
            {
                if (cluster.InjectFault(RandomFault(chaos)) is { } fault)
                {
                    active.Add(fault.Id);
                }
                applied++;
            }
            catch (SimulationInputException)
            {
                // Refused input (already in force, out of Polly's range) changes nothing, which is also under test.
            }
        }

        foreach (var id in new[] { LegalTransitionsMonitor.MonitorId, NoCallWhileOpenMonitor.MonitorId, HalfOpenProbeMonitor.MonitorId })
        {
            var invariant = Invariant(cluster, id);
            Assert.True(invariant.Violations == 0, $"Seed {seed}: {invariant.Description}: {invariant.LastViolation}");
        }
        Assert.True(applied > 3, $"Seed {seed}: only {applied} inputs applied.");
        Assert.True(cluster.InternalErrors == 0, $"Seed {seed}: {cluster.Log.All().FirstOrDefault(e => e.Kind == "error")?.Text}");
    }

    private static FaultRequest RandomFault(SeededRandom chaos)
    {
        var definition = Faults[chaos.Next(Faults.Count)];
        string? target = definition.Target == FaultTarget.Node ? (chaos.Chance(0.5) ? ServiceA : ServiceB) : null;
        double? value = definition.Id switch
        {
            Fault.SetFailureRatio => chaos.Next(0, 11) / 10.0, // 0 is out of Polly's range and must be refused
            Fault.SetMinimumThroughput => chaos.Next(1, 30),
            Fault.SetSamplingDuration or Fault.SetBreakDuration => chaos.Next(400, 8000),
            Fault.Load => chaos.Next(0, 80),
            _ when definition.Parameter is { } p => Math.Round(p.Min + chaos.NextDouble() * (p.Max - p.Min)),
            _ => null,
        };
        return new FaultRequest(definition.Id, target, value);
    }
}
