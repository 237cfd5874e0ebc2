using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel.Sequence;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// The message-sequence diagram of a busy 60-second window (from 60 s to 120 s of a run at default load) for every
/// registered pattern: the replay from time 0 and the drawing's data, as the page asks for it (at most 600 arrows)
/// and at the hub's cap (2,000). This is the wait after pressing "Last 60 s".
/// </summary>
[MemoryDiagnoser]
public class SequenceDiagramBenchmarks
{
    private SimulationSession session = null!;

    [ParamsSource(nameof(PatternIds))]
    public string PatternId { get; set; } = "";

    [Params(600, SequenceLimits.MaxArrows)]
    public int MaxArrows { get; set; }

    public static IEnumerable<string> PatternIds => PatternFastForwardBenchmarks.PatternIds;

    [GlobalSetup]
    public void Setup()
    {
        var simulation = PatternCatalog.CreateRegistry().Get(PatternId).CreateSimulation(PatternFastForwardBenchmarks.Seed);
        session = new SimulationSession("bench", "bench", simulation, new SessionLimits(), TimeProvider.System);
        session.RunForAsync(TimeSpan.FromSeconds(120)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => session.Dispose();

    /// <summary>Returns how many messages matched, so the work cannot be skipped.</summary>
    [Benchmark]
    public int LastSixtySeconds() =>
        session.GetSequenceDiagramAsync(60, 120, new SequenceFilter(MaxArrows: MaxArrows)).GetAwaiter().GetResult().Matching;
}
