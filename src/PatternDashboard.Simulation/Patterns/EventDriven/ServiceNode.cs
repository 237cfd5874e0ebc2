using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>
/// A service reacting to "user registered": a consumer of its subscription that also answers direct calls from the
/// sign-up service (no bus), for comparing events with synchronous calls.
/// </summary>
public sealed class ServiceNode : SubscriberNode
{
    // Who waits for each direct call being handled, so the reply goes back to it instead of an ack to the bus.
    private readonly Dictionary<MessageId, string> callers = [];

    internal ServiceNode(MessagingCluster cluster, string id, string label, SubscriptionStore store)
        : base(cluster, id, label, store)
    {
    }

    protected override void OnOtherMessage(string from, IMessage message)
    {
        if (message is ServiceCall call && Enqueue(new Delivery(Subscription, call.Id, 1, Poison: false, Replayed: false)))
        {
            callers[call.Id] = from;
        }
    }

    protected override void Finished(Delivery done)
    {
        if (callers.Remove(done.Id, out var caller))
        {
            Send(caller, new ServiceReply(done.Id));
        }
        else
        {
            base.Finished(done);
        }
    }

    protected override void OnCrash()
    {
        base.OnCrash();
        callers.Clear();
    }
}

/// <summary>A direct call to a service, without the bus: the caller waits for <see cref="ServiceReply"/>.</summary>
public sealed record ServiceCall(MessageId Id) : IMessage
{
    public string Kind => "call";
}

/// <summary>The service handled a <see cref="ServiceCall"/>.</summary>
public sealed record ServiceReply(MessageId Id) : IMessage
{
    public string Kind => "reply";
}
