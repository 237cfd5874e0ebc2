using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// One call through the caller's Polly pipeline (fallback, circuit breaker, timeout) in the simulation, end to end:
/// the request arrives, takes a slot, crosses the network, is served (through the service's chaos pipeline), and the
/// answer comes back through the breaker. The same call without the breaker shows what the breaker itself costs.
/// </summary>
[MemoryDiagnoser]
public class CircuitBreakerBenchmarks
{
    private const int Calls = 10_000;
    private CircuitBreakerCluster cluster = null!;

    [Params(false, true)]
    public bool BreakersRemoved { get; set; }

    [IterationSetup]
    public void Setup()
    {
        // No generated load: every call in the run is one the benchmark made.
        cluster = (CircuitBreakerCluster)Descriptor.CreateSimulation(7, new Dictionary<string, double> { [Option.LoadPerService] = 0 });
        if (BreakersRemoved)
        {
            cluster.InjectFault(new FaultRequest(Fault.RemoveBreakers));
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public long GuardedCall()
    {
        var stats = cluster.Breaker(ServiceA).Stats;
        for (int i = 0; i < Calls; i++)
        {
            long before = stats.Total.Completed;
            cluster.Caller.Submit(ServiceA);
            while (stats.Total.Completed == before && cluster.Step())
            {
            }
        }
        return stats.Total.Success;
    }
}
