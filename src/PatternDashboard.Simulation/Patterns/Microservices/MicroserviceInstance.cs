using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Deployment;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>
/// One instance of a service. While ready it is registered and renews its lease; it serves a few requests at once and
/// queues a few more. A version with a bug answers every request with an error and fails its readiness probe.
/// </summary>
public sealed class MicroserviceInstance : DeployableNode
{
    /// <summary>The least time a request takes; a tail of the same mean comes on top.</summary>
    public static readonly TimeSpan ServiceTime = TimeSpan.FromMilliseconds(8);

    private const int Slots = 8;
    private const int QueueLimit = 32;

    private readonly MicroservicesCluster cluster;
    private readonly Queue<(string From, long CallId)> waiting = new();
    private readonly SeededRandom serviceTimes;
    private readonly Action heartbeat;
    private NodeTimer? heartbeatTimer;

    internal MicroserviceInstance(MicroservicesCluster cluster, string service, int number)
        : base(cluster, MicroservicesPattern.InstanceId(service, number), $"{char.ToUpperInvariant(service[0])}{service[1..]} {number}")
    {
        this.cluster = cluster;
        Service = service;
        serviceTimes = Random.Derive("service-time");
        heartbeat = Heartbeat;
    }

    public string Service { get; }

    public int Busy { get; private set; }

    public long Served { get; private set; }

    public long Errors { get; private set; }

    public override bool AnswersProbe() => Version is { IsBroken: false };

    protected override void OnReadyChanged(bool ready)
    {
        CancelTimer(heartbeatTimer);
        heartbeatTimer = null;
        if (!IsUp)
        {
            return; // a dead process says nothing: its lease runs out
        }
        if (ready)
        {
            Send(RegistryNode.RegistryId, new RegisterInstance(Id));
            heartbeatTimer = StartTimer(cluster.Policy.Heartbeat, heartbeat);
        }
        else
        {
            Send(RegistryNode.RegistryId, new DeregisterInstance(Id));
        }
    }

    protected override void OnProcessStopped()
    {
        heartbeatTimer = null;
        waiting.Clear();
        Busy = 0;
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case RenewReply { Known: false } when IsReady:
                Send(RegistryNode.RegistryId, new RegisterInstance(Id));
                break;
            case ServiceRequest request when Phase == InstancePhase.Starting:
                Send(from, new ServiceResponse(request.CallId, false, "starting"));
                break;
            case ServiceRequest request when Busy < Slots:
                Begin(from, request.CallId);
                break;
            case ServiceRequest request when waiting.Count < QueueLimit:
                waiting.Enqueue((from, request.CallId));
                break;
            case ServiceRequest request:
                Send(from, new ServiceResponse(request.CallId, false, "overloaded"));
                break;
        }
    }

    private void Begin(string from, long callId)
    {
        Busy++;
        var time = ServiceTime + serviceTimes.NextExponential(ServiceTime) + cluster.AddedLatency(Service);
        StartTimer(time, () =>
        {
            Busy--;
            bool ok = Version is { IsBroken: false };
            Served++;
            Errors += ok ? 0 : 1;
            Send(from, new ServiceResponse(callId, ok, ok ? "ok" : $"{Version?.Name} bug"));
            if (waiting.Count > 0)
            {
                var (next, nextId) = waiting.Dequeue();
                Begin(next, nextId);
            }
        });
    }

    private void Heartbeat()
    {
        Send(RegistryNode.RegistryId, new RenewLease(Id));
        heartbeatTimer = StartTimer(cluster.Policy.Heartbeat, heartbeat);
    }
}
