using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// A message's identity: its partition key and its position in that key's sequence. Publishers number each
/// key's messages from 1, so the id stays the same across retries and redeliveries.
/// </summary>
public readonly record struct MessageId(int Key, long Sequence)
{
    public override string ToString() => $"k{Key}#{Sequence}";
}

/// <summary>A publisher hands a message to the broker for a topic.</summary>
public sealed record PublishRequest(string Topic, MessageId Id, bool Poison) : IMessage
{
    public string Kind => "publish";
}

/// <summary>The broker has stored the message (on disk when persistence is on) for every subscription of its topic.</summary>
public sealed record PublishAck(MessageId Id) : IMessage
{
    public string Kind => "publish-ack";
}

/// <summary>The broker did not take the message (a subscription's queue is full); the publisher keeps it and retries.</summary>
public sealed record PublishRefused(MessageId Id, string Reason) : IMessage
{
    public string Kind => "publish-refused";
}

/// <summary>A consumer tells the broker it is alive and how many unacknowledged messages it may hold.</summary>
public sealed record ConsumerReady(string Subscription, int Prefetch) : IMessage
{
    public string Kind => "ready";
}

/// <summary>The broker leases a message of a subscription to one of its consumers.</summary>
/// <param name="Attempt">1 on first delivery; more on redelivery.</param>
/// <param name="Replayed">True for a dead letter sent back by "replay dead letters": it may arrive out of key order.</param>
public sealed record Delivery(string Subscription, MessageId Id, int Attempt, bool Poison, bool Replayed) : IMessage
{
    public string Kind => Attempt > 1 ? "redelivery" : "delivery";
}

/// <summary>The consumer processed the message; the broker may forget it.</summary>
public sealed record DeliveryAck(string Subscription, MessageId Id) : IMessage
{
    public string Kind => "ack";
}

/// <summary>The consumer failed to process the message; the broker counts the attempt and redelivers or dead-letters it.</summary>
public sealed record DeliveryNack(string Subscription, MessageId Id) : IMessage
{
    public string Kind => "nack";
}
