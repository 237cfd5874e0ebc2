using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>
/// Server-side discovery: a load balancer that keeps its own cache of the registry, forwards each client's call to
/// the next cached instance and relays the answer, or an error when the instance does not answer in time.
/// </summary>
public sealed class LoadBalancerNode : RegistryCacheNode
{
    private readonly ServiceDiscoveryCluster cluster;
    private readonly AwaitedReplies<ForwardedCall> pending = new();

    internal LoadBalancerNode(ServiceDiscoveryCluster cluster)
        : base(cluster, ServiceDiscoveryPattern.BalancerId, "Load balancer", RegistryNode.RegistryId, cluster.Settings.CacheRefresh, cluster.Timeline.Add)
    {
        this.cluster = cluster;
    }

    public long Forwarded { get; private set; }

    public long Answered { get; private set; }

    public long Failed { get; private set; }

    /// <summary>Calls answered with an error at once: the cache listed no instance.</summary>
    public long NoInstance { get; private set; }

    protected override void OnCrash()
    {
        base.OnCrash();
        pending.Clear();
    }

    protected override void OnOtherMessage(string from, IMessage message)
    {
        switch (message)
        {
            case ServiceRequest request:
                Forward(from, request.CallId);
                break;
            case ServiceResponse response when pending.TryTake(response.CallId, out var forward, out var deadline):
                CancelTimer(deadline);
                Count(response.Ok);
                cluster.Calls.InstanceOutcome(forward.Instance, response.Ok, forward.TargetDead, Now);
                Send(forward.Client, new ServiceResponse(forward.ClientCallId, response.Ok, response.Detail));
                break;
        }
    }

    private void Forward(string client, long clientCallId)
    {
        if (PickInstance() is not { } instance)
        {
            NoInstance++;
            Send(client, new ServiceResponse(clientCallId, false, "no instance known"));
            return;
        }
        bool dead = cluster.IsDead(instance);
        cluster.Calls.Sent(instance, dead, Now);
        Forwarded++;
        var forward = new ForwardedCall(client, clientCallId, instance, dead);
        long id = pending.NextId();
        pending.Add(id, forward, StartTimer(cluster.Settings.CallTimeout, () =>
        {
            if (pending.TryTake(id, out var late, out _))
            {
                Count(ok: false);
                cluster.Calls.InstanceOutcome(late.Instance, false, late.TargetDead, Now);
                Send(late.Client, new ServiceResponse(late.ClientCallId, false, "instance did not answer"));
            }
        }));
        Send(instance, new ServiceRequest(id));
    }

    private void Count(bool ok)
    {
        if (ok)
        {
            Answered++;
        }
        else
        {
            Failed++;
        }
    }

    private sealed record ForwardedCall(string Client, long ClientCallId, string Instance, bool TargetDead);
}
