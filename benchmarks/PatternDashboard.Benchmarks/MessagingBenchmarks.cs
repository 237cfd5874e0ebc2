using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Simulation.Patterns.PubSub;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// Fast-forward of the broker patterns: one simulated minute each. Messages simulated per wall second is the
/// delivered count printed by the setup's check run divided by the mean time reported here.
/// </summary>
[MemoryDiagnoser]
public class MessagingBenchmarks
{
    private PubSubCluster pubSub = null!;
    private EventDrivenCluster eventDriven = null!;

    /// <summary>Messages each of the two publishers produces per second (the default is 5).</summary>
    [Params(5, 100)]
    public double PublishRate { get; set; }

    [IterationSetup]
    public void Setup()
    {
        pubSub = (PubSubCluster)PubSubPattern.Descriptor.CreateSimulation(seed: 11, new Dictionary<string, double>
        {
            [PubSubPattern.Option.PublishRate] = PublishRate,
            [PubSubPattern.Option.ProcessingTimeMs] = 5,
        });
        eventDriven = (EventDrivenCluster)EventDrivenPattern.Descriptor.CreateSimulation(seed: 11, new Dictionary<string, double>
        {
            [EventDrivenPattern.Option.RegistrationRate] = Math.Min(50, PublishRate),
            [EventDrivenPattern.Option.EmailTimeMs] = 10,
            [EventDrivenPattern.Option.MarketingTimeMs] = 10,
        });
    }

    /// <summary>One simulated minute of Pub/Sub (2 publishers, 2 subscriptions of 2 consumers); returns the deliveries.</summary>
    [Benchmark]
    public long PubSubOneMinute()
    {
        pubSub.RunFor(TimeSpan.FromMinutes(1));
        return pubSub.Details().Delivered;
    }

    /// <summary>One simulated minute of Event-Driven (one producer, three services); returns the deliveries.</summary>
    [Benchmark]
    public long EventDrivenOneMinute()
    {
        eventDriven.RunFor(TimeSpan.FromMinutes(1));
        return eventDriven.Details().Delivered;
    }
}
