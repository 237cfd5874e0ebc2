using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Benchmarks;

/// <summary>Raw scheduler throughput: events scheduled and run per second, and allocation per event.</summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private const int Events = 100_000;
    private EventScheduler scheduler = null!;
    private Action tick = null!;
    private int remaining;

    [GlobalSetup]
    public void Setup()
    {
        scheduler = new EventScheduler();
        // One cached delegate that reschedules itself: measures the scheduler, not closure allocation.
        tick = () =>
        {
            if (--remaining > 0)
            {
                scheduler.Schedule(TimeSpan.FromTicks(1 + (remaining & 7)), tick);
            }
        };
    }

    /// <summary>A chain of 100,000 events, each scheduling the next, with 64 events pending at a time.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public void ScheduleAndRun()
    {
        remaining = Events;
        for (int i = 0; i < 64; i++)
        {
            scheduler.Schedule(TimeSpan.FromTicks(i), tick);
        }
        while (scheduler.Step())
        {
        }
    }
}
