using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.PubSub.PubSubPattern;

namespace PatternDashboard.Simulation.Patterns.PubSub;

/// <summary>How the cluster checks and applies its own runtime actions of <see cref="PubSubPattern.Faults"/>; the broker's and the kernel's are inherited.</summary>
public sealed partial class PubSubCluster
{
    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        int subscriptionCount = Broker.Subscriptions.Count;
        string? refusal = definition.Id switch
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
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
        base.CheckApplicable(definition, request);
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
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
                return base.ApplyFault(definition, request);
        }
    }

    private static int SubscriptionNumber(FaultRequest request) => (int)Math.Round(request.Value ?? 1);

    private string SubscriptionAt(FaultRequest request) => Broker.Subscriptions.ElementAt(SubscriptionNumber(request) - 1).Name;
}
