using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.EventDriven.EventDrivenPattern;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>
/// The sign-up service publishes "user registered" on the bus; profile, marketing and email services each
/// subscribe with their own queue, pace and state. More services can subscribe at runtime; "break it" swaps
/// the events for direct synchronous calls.
/// </summary>
public sealed partial class EventDrivenCluster : MessagingCluster
{
    private readonly MetricSeries successSeries;
    private readonly MetricSeries latencySeries;
    // Registrations finished since the last sample, kept for a second so rates average over a whole second.
    private readonly Queue<(int Succeeded, int Failed, double LatencyMs)> recent = new();
    private int windowSucceeded;
    private int windowFailed;
    private double windowLatencyMs;

    public EventDrivenCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(EventDrivenPattern.Options, options), SettingsFrom(PatternOptions.Resolve(EventDrivenPattern.Options, options)))
    {
        AddBrokerInvariants();
        CallTimeout = TimeSpan.FromMilliseconds(Options[Option.CallTimeoutMs]);
        Signup = AddPublisher(new SignupServiceNode(this, Options[Option.RegistrationRate]));
        double[] paces = [Options[Option.ProfileTimeMs], Options[Option.MarketingTimeMs], Options[Option.EmailTimeMs]];
        for (int i = 0; i < InitialServices; i++)
        {
            AddService(Services[i], paces[i]);
        }
        Signup.KnownServices = [.. Subscribers];
        Invariants.Add(new EveryEventOnceMonitor(this));
        successSeries = AddSeries(Metric.RegistrationsSucceeded, "%");
        latencySeries = AddSeries(Metric.RegistrationLatency, "ms");
        Start();
    }

    public SignupServiceNode Signup { get; }

    public TimeSpan CallTimeout { get; }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => EventDrivenPattern.Faults;

    /// <summary>Positive: successes in a row; negative: failures in a row. Keeps the log to changes of fortune.</summary>
    internal int RegistrationStreak { get; private set; }

    /// <summary>Every node up, nothing queued or processed, no call waiting: the moment to compare effects with events.</summary>
    public bool IsIdle =>
        Nodes.All(n => n.IsUp) && Signup.OutboxCount == 0 && Signup.PendingCalls == 0
        && Broker.Subscriptions.All(s => s.Depth == 0) && Subscribers.All(s => !s.Busy && s.Buffered == 0);

    public EventDrivenDetails EventDetails()
    {
        var (succeeded, failed, latency) = RecentTotals();
        int finished = succeeded + failed;
        var services = Subscribers.Select(s => DetailsOf(s)).ToList();
        return new EventDrivenDetails(
            Signup.Synchronous, Signup.Produced, Signup.Succeeded, Signup.Failed, Signup.PendingCalls,
            finished == 0 ? null : succeeded / (double)finished, finished == 0 ? null : latency / finished, services, BrokerDetails());
    }

    internal void RegistrationCompleted(bool succeeded, TimeSpan latency)
    {
        if (succeeded)
        {
            windowSucceeded++;
            RegistrationStreak = Math.Max(1, RegistrationStreak + 1);
        }
        else
        {
            windowFailed++;
            RegistrationStreak = Math.Min(-1, RegistrationStreak - 1);
        }
        windowLatencyMs += latency.TotalMilliseconds;
    }

    // With synchronous calls the sign-up service talks to each service directly, and the drawing shows those lines.
    protected override bool AreLinked(SimulationNode a, SimulationNode b) =>
        base.AreLinked(a, b) || Signup.Synchronous && (a == Signup || b == Signup);

    protected override object? DescribeDetails() => EventDetails();

    protected override void SampleMetrics()
    {
        base.SampleMetrics();
        recent.Enqueue((windowSucceeded, windowFailed, windowLatencyMs));
        windowSucceeded = windowFailed = 0;
        windowLatencyMs = 0;
        if (recent.Count > (int)(TimeSpan.FromSeconds(1) / SampleInterval))
        {
            recent.Dequeue();
        }
        var (succeeded, failed, latency) = RecentTotals();
        int finished = succeeded + failed;
        if (finished > 0)
        {
            Record(successSeries, 100.0 * succeeded / finished);
            Record(latencySeries, latency / finished);
        }
    }

    private static BrokerSettings SettingsFrom(IReadOnlyDictionary<string, double> options) => new(
        TimeSpan.FromMilliseconds(options[Option.AckTimeoutMs]),
        // An event bus retries until the service handles the event; nothing is dead-lettered here.
        MaxDeliveries: 1_000,
        QueueCapacity: 5_000,
        DeadLetterCapacity: 100,
        Prefetch: 4,
        TimeSpan.FromMilliseconds(options[Option.ProfileTimeMs]),
        TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));

    private SubscriberNode AddService(ServiceDefinition service, double processingMs)
    {
        AddSubscription(Topic, service.Name);
        var consumer = AddConsumer(service.Name, service.Label, (id, label, store) => new ServiceNode(this, id, label, store));
        consumer.ProcessingTime = TimeSpan.FromMilliseconds(processingMs);
        return consumer;
    }

    private ServiceDetails DetailsOf(SubscriberNode consumer)
    {
        var definition = Services.Single(s => s.Name == consumer.Subscription);
        var subscription = Broker.Subscription(consumer.Subscription);
        return new ServiceDetails(
            definition.Name, definition.Label, consumer.Id, definition.StateNoun, LifecycleWord(consumer.Lifecycle),
            consumer.ProcessingTime.TotalMilliseconds, consumer.Store.Records, Stats.For(consumer.Subscription).Expected,
            subscription.Depth, subscription.Lag(Clock.Now).TotalSeconds, Signup.KnownServices.Contains(consumer));
    }

    private (int Succeeded, int Failed, double LatencyMs) RecentTotals() =>
        (recent.Sum(r => r.Succeeded), recent.Sum(r => r.Failed), recent.Sum(r => r.LatencyMs));
}
