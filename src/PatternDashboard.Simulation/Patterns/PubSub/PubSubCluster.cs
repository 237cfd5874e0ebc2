using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;

namespace PatternDashboard.Simulation.Patterns.PubSub;

/// <summary>
/// Publishers send orders to one topic; each subscription (billing, analytics...) gets its own copy and
/// its consumers compete for it. Runtime actions (add a subscription or consumer, change the rate, publish
/// poison, replay dead letters) are instant faults so a recording replays them.
/// </summary>
public sealed partial class PubSubCluster : MessagingCluster
{
    public PubSubCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(PubSubPattern.Options, options), SettingsFrom(PatternOptions.Resolve(PubSubPattern.Options, options)))
    {
        options = Options;
        AddInvariants();
        int publisherCount = (int)options[Option.Publishers];
        int keyCount = (int)options[Option.PartitionKeys];
        for (int p = 1; p <= publisherCount; p++)
        {
            var keys = Enumerable.Range(1, keyCount).Where(k => (k - 1) % publisherCount == p - 1).ToList();
            AddPublisher($"pub-{p}", $"Publisher {p}", Topic, keys, options[Option.PublishRate]);
        }
        for (int s = 0; s < (int)options[Option.Subscriptions]; s++)
        {
            AddSubscription(Topic, SubscriptionNames[s]);
            for (int c = 0; c < (int)options[Option.ConsumersPerSubscription]; c++)
            {
                AddConsumer(SubscriptionNames[s], Capitalized(SubscriptionNames[s]));
            }
        }
        Start();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => PubSubPattern.Faults;

    public PubSubDetails Details() => PubSubDetails.Of(BrokerDetails(), Topic, SubscriptionNames.Count, MaxConsumersPerSubscription);

    protected override object? DescribeDetails() => Details();

    private static BrokerSettings SettingsFrom(IReadOnlyDictionary<string, double> options)
    {
        if (options[Option.PartitionKeys] < options[Option.Publishers])
        {
            throw new SimulationInputException(
                $"Each publisher owns at least one partition key: {options[Option.PartitionKeys]} keys are too few for {options[Option.Publishers]} publishers.");
        }
        return new BrokerSettings(
            TimeSpan.FromMilliseconds(options[Option.AckTimeoutMs]),
            (int)options[Option.MaxDeliveries],
            (int)options[Option.QueueCapacity],
            DeadLetterCapacity: 100,
            (int)options[Option.Prefetch],
            TimeSpan.FromMilliseconds(options[Option.ProcessingTimeMs]),
            TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
