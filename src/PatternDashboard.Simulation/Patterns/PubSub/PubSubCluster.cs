using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Messaging;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;

namespace PatternDashboard.Simulation.Patterns.PubSub;

/// <summary>
/// Publishers send orders to one topic; each subscription (billing, analytics...) gets its own copy and
/// its consumers compete for it. Runtime actions (add a subscription or consumer, change the rate, publish
/// poison, replay dead letters) are instant faults so a recording replays them.
/// </summary>
public sealed class PubSubCluster : MessagingCluster
{
    public PubSubCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(PubSubPattern.Options, options), SettingsFrom(PatternOptions.Resolve(PubSubPattern.Options, options)))
    {
        options = Options;
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
        Begin();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => PubSubPattern.Faults;

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

    protected override string? RefusePatternFault(FaultDefinition definition, FaultRequest request)
    {
        int subscriptionCount = Broker.Subscriptions.Count;
        return definition.Id switch
        {
            Fault.Poison when !Publishers.Any(p => p.IsUp) => "Every publisher is down; restart one first.",
            Fault.AddSubscription when !Broker.IsUp => "The broker is down, and subscriptions are declared on it; restart it first.",
            Fault.AddSubscription when subscriptionCount >= SubscriptionNames.Count => $"The topic already has the maximum of {SubscriptionNames.Count} subscriptions.",
            Fault.AddConsumer when SubscriptionNumber(request) > subscriptionCount =>
                $"There are {subscriptionCount} subscriptions ({string.Join(", ", Broker.Subscriptions.Select((s, i) => $"{i + 1} = {s.Name}"))}); pick one of them.",
            Fault.AddConsumer when ConsumersOf(SubscriptionAt(request)).Count() >= MaxConsumersPerSubscription =>
                $"{SubscriptionAt(request)} already has the maximum of {MaxConsumersPerSubscription} consumers.",
            Fault.ReplayDeadLetters when !Broker.IsUp => "The broker is down; restart it first.",
            Fault.ReplayDeadLetters when Broker.Subscriptions.All(s => s.DeadLetters.Count == 0) => "There are no dead letters to replay.",
            _ => null,
        };
    }

    protected override Action? ApplyPatternFault(FaultDefinition definition, FaultRequest request, double value)
    {
        switch (definition.Id)
        {
            case Fault.Poison:
                var publisher = Publishers.First(p => p.IsUp);
                if (!publisher.Produce(poison: true))
                {
                    Log.Append(publisher.Id, "poison", $"{publisher.Label}'s outbox is full; the poison message was not produced");
                }
                return null;
            case Fault.AddSubscription:
                string name = SubscriptionNames[Broker.Subscriptions.Count];
                AddSubscription(Topic, name);
                AddConsumer(name, Capitalized(name));
                Log.Append(BrokerNode.BrokerId, "subscription", $"Subscription {name} added; it receives messages published from now on");
                return null;
            case Fault.AddConsumer:
                string subscription = SubscriptionAt(request);
                var consumer = AddConsumer(subscription, Capitalized(subscription));
                Log.Append(consumer.Id, "consumer", $"{consumer.Label} joins {subscription}");
                return null;
            case Fault.PublishRate:
                foreach (var p in Publishers)
                {
                    p.SetRate(value);
                }
                return null;
            case Fault.ReplayDeadLetters:
                Broker.ReplayDeadLetters();
                return null;
            default:
                throw new InvalidOperationException($"Fault '{definition.Id}' has no implementation.");
        }
    }

    private static int SubscriptionNumber(FaultRequest request) => (int)Math.Round(request.Value ?? 1);

    private string SubscriptionAt(FaultRequest request) => Broker.Subscriptions.ElementAt(SubscriptionNumber(request) - 1).Name;

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
