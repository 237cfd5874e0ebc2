using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// Fast-forward of every registered pattern at its default options and load: one simulated minute per invocation.
/// Simulated seconds per wall second is 60 divided by the mean in seconds; allocated bytes per simulated second is
/// the allocation column divided by 60. A pattern added to the registry is measured without new code.
/// </summary>
[MemoryDiagnoser]
public class PatternFastForwardBenchmarks
{
    public const long Seed = 11;

    private static readonly PatternRegistry Registry = PatternCatalog.CreateRegistry();

    private SimulationBase simulation = null!;

    public static IEnumerable<string> PatternIds => Registry.All.Select(p => p.Id);

    [ParamsSource(nameof(PatternIds))]
    public string PatternId { get; set; } = "";

    [IterationSetup]
    public void Setup() => simulation = Registry.Get(PatternId).CreateSimulation(Seed);

    /// <summary>One simulated minute; returns the events it ran.</summary>
    [Benchmark]
    public long SimulateOneMinute()
    {
        simulation.RunFor(TimeSpan.FromMinutes(1));
        return simulation.Scheduler.ExecutedCount;
    }
}
