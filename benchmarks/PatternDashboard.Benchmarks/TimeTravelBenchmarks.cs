using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// A timeline jump: replaying a 5-node Raft run with client writes and a fault a minute from time 0 to its end.
/// This is the wait a person sees after pressing Jump; it decides whether checkpoints are worth keeping.
/// </summary>
[MemoryDiagnoser]
public class TimeTravelBenchmarks
{
    private SimulationSession session = null!;

    /// <summary>Simulated minutes the run has reached; the jump goes back to its end, the longest replay.</summary>
    [Params(1, 10, 60)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        session = new SimulationSession("bench", "bench", LeaderElectionPattern.Descriptor.CreateSimulation(11), new SessionLimits(), TimeProvider.System);
        for (int minute = 0; minute < Minutes; minute++)
        {
            session.RunForAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            string fault = minute % 2 == 0 ? LeaderElectionPattern.Fault.Split : LeaderElectionPattern.Fault.Heal;
            session.InjectFaultAsync(new FaultRequest(fault)).GetAwaiter().GetResult();
            session.RunForAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => session.Dispose();

    [Benchmark]
    public long JumpToTheEnd() =>
        session.TravelToAsync(TimeSpan.FromMinutes(Minutes)).GetAwaiter().GetResult().Snapshot.EventCount;
}
