using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Registry;

/// <summary>An instance announces itself; the registry starts its lease (a registration counts as a renewal).</summary>
public sealed record RegisterInstance(string InstanceId) : IMessage
{
    public string Kind => "register";
}

/// <summary>A heartbeat: the instance renews its lease.</summary>
public sealed record RenewLease(string InstanceId) : IMessage
{
    public string Kind => "heartbeat";
}

/// <summary>The registry's answer to a heartbeat; <see cref="Known"/> false tells the instance to register again.</summary>
public sealed record RenewReply(bool Known) : IMessage
{
    public string Kind => Known ? "renewed" : "unknown";
}

/// <summary>A graceful goodbye: the instance leaves the registry at once instead of waiting for its lease to run out.</summary>
public sealed record DeregisterInstance(string InstanceId) : IMessage
{
    public string Kind => "deregister";
}

/// <summary>A client or load balancer asks which instances are registered.</summary>
public sealed record QueryInstances(long QueryId) : IMessage
{
    public string Kind => "query";
}

/// <summary>The registry's table as it stands, instance ids in order.</summary>
public sealed record InstanceList(long QueryId, IReadOnlyList<string> InstanceIds) : IMessage
{
    public string Kind => "instances";
}
