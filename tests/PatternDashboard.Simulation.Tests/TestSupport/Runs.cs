using System.Text.Json;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.TestSupport;

/// <summary>Seeded scripts of user actions, and a comparison of two runs that names the seed and the first difference.</summary>
public static class Runs
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(seed => new object[] { (long)seed });

    /// <summary>
    /// Runs a <see cref="TestSimulation"/> while a script drawn from the seed (its own stream, so it never
    /// shifts the simulation's numbers) runs for a while, steps single events, then injects or clears faults,
    /// sometimes several at the same instant. Ends one simulated second after the last input.
    /// </summary>
    public static TestSimulation Script(long seed, int inputs = 12)
    {
        var simulation = new TestSimulation(seed);
        var script = new SeededRandom(seed).Derive("test-script");
        var active = new List<string>();
        for (int i = 0; i < inputs; i++)
        {
            switch (script.Next(3))
            {
                case 0:
                    simulation.RunFor(TimeSpan.FromMilliseconds(script.Next(1, 800)));
                    break;
                case 1:
                    for (int steps = script.Next(1, 20); steps > 0; steps--)
                    {
                        simulation.Step();
                    }
                    break;
                default:
                    break; // right after the previous input
            }
            if (active.Count > 0 && script.Chance(0.4))
            {
                int k = script.Next(active.Count);
                simulation.ClearFault(active[k]);
                active.RemoveAt(k);
                continue;
            }
            try
            {
                if (simulation.InjectFault(RandomFault(simulation, script)) is { } fault)
                {
                    active.Add(fault.Id);
                }
            }
            catch (SimulationInputException)
            {
                // Refused (e.g. crashing a crashed node): nothing is recorded, which replay must also survive.
            }
        }
        simulation.RunFor(TimeSpan.FromSeconds(1));
        return simulation;
    }

    private static FaultRequest RandomFault(TestSimulation simulation, SeededRandom script)
    {
        var definition = simulation.FaultCatalog[script.Next(simulation.FaultCatalog.Count)];
        string? target = definition.Target == FaultTarget.Node ? simulation.Nodes[script.Next(simulation.Nodes.Count)].Id : null;
        double? value = definition.Parameter is { } p ? script.Next((int)p.Min, (int)p.Max + 1) : null;
        return new FaultRequest(definition.Id, target, value);
    }

    /// <summary>Fails, naming the seed and the first differing log entry, unless the two runs are identical.</summary>
    public static void AssertSameRun(long seed, SimulationBase expected, SimulationBase actual)
    {
        var a = expected.Log.All();
        var b = actual.Log.All();
        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                Assert.Fail($"Seed {seed}: log entry {i} differs.\n expected: {a[i]}\n actual:   {b[i]}");
            }
        }
        Assert.True(a.Count == b.Count, $"Seed {seed}: {a.Count} log entries expected, {b.Count} found.");
        Assert.True(expected.Log.LastSequence == actual.Log.LastSequence, $"Seed {seed}: log sequences differ.");
        Assert.True(expected.Scheduler.ExecutedCount == actual.Scheduler.ExecutedCount, $"Seed {seed}: event counts differ.");
        Assert.True(expected.Clock.Now == actual.Clock.Now, $"Seed {seed}: clocks differ.");
        Assert.True(expected.Network.Stats == actual.Network.Stats, $"Seed {seed}: {expected.Network.Stats} vs {actual.Network.Stats}.");
        Assert.True(SnapshotJson(expected) == SnapshotJson(actual), $"Seed {seed}: snapshots differ.");
    }

    public static string SnapshotJson(SimulationBase simulation) => JsonSerializer.Serialize(simulation.CreateSnapshot(), Recording.JsonOptions);
}
