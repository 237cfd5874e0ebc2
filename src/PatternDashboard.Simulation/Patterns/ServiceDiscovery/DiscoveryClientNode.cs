using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>
/// A client of the service. Client-side, it keeps its own cache of the registry and calls the next cached instance
/// directly; server-side, it keeps no cache and sends each call to the load balancer. Calls arrive at random
/// (Poisson) at the configured rate; a call with no answer before its timeout fails.
/// </summary>
public sealed class DiscoveryClientNode : RegistryCacheNode
{
    private readonly ServiceDiscoveryCluster cluster;
    private readonly AwaitedReplies<Call> pending = new();
    private readonly SeededRandom arrivals;
    private readonly Action arrive;

    internal DiscoveryClientNode(ServiceDiscoveryCluster cluster, string id, string label)
        : base(cluster, id, label, RegistryNode.RegistryId, cluster.Settings.CacheRefresh, cluster.Timeline.Add)
    {
        this.cluster = cluster;
        arrivals = Random.Derive("arrivals");
        arrive = Arrive;
    }

    public int Pending => pending.Count;

    protected override bool WantsCache => cluster.Mode == DiscoveryMode.ClientSide;

    public override void Start()
    {
        base.Start();
        ScheduleArrival();
    }

    protected override void OnCrash()
    {
        base.OnCrash();
        pending.Clear();
    }

    protected override void OnOtherMessage(string from, IMessage message)
    {
        if (message is ServiceResponse response && pending.TryTake(response.CallId, out var call, out var deadline))
        {
            CancelTimer(deadline);
            Finish(call, response.Ok);
        }
    }

    private void ScheduleArrival()
    {
        double rate = cluster.Settings.CallsPerSecond;
        if (rate > 0)
        {
            StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / rate)), arrive);
        }
    }

    private void Arrive()
    {
        ScheduleArrival();
        if (cluster.Mode == DiscoveryMode.ServerSide)
        {
            SendCall(ServiceDiscoveryPattern.BalancerId, null, cluster.Settings.BalancedCallTimeout);
            return;
        }
        if (PickInstance() is not { } instance)
        {
            cluster.Calls.NoInstance(Id);
            return;
        }
        SendCall(instance, instance, cluster.Settings.CallTimeout);
    }

    private void SendCall(string target, string? instance, TimeSpan timeout)
    {
        bool dead = instance is not null && cluster.IsDead(instance);
        if (instance is not null)
        {
            cluster.Calls.Sent(instance, dead, Now);
        }
        var call = new Call(instance, dead);
        long id = pending.NextId();
        pending.Add(id, call, StartTimer(timeout, () =>
        {
            if (pending.TryTake(id, out var late, out _))
            {
                Finish(late, ok: false);
            }
        }));
        Send(target, new ServiceRequest(id));
    }

    private void Finish(Call call, bool ok)
    {
        cluster.Calls.ClientOutcome(Id, ok);
        if (call.Instance is { } instance)
        {
            cluster.Calls.InstanceOutcome(instance, ok, call.TargetDead, Now);
        }
    }

    /// <summary>A call in flight: the instance it went to (null when through the load balancer), and whether that instance was dead.</summary>
    private sealed record Call(string? Instance, bool TargetDead);
}
