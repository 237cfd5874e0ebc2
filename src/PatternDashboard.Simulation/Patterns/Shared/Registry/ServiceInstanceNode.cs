using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.Shared.Registry;

/// <summary>
/// One instance of a service: it registers with the registry, renews its lease every heartbeat (registering again
/// when the registry answers that it does not know it) and answers requests after a short service time. A crash
/// sends no goodbye, so its entry lingers until the lease runs out; <see cref="Retire"/> deregisters first.
/// </summary>
public sealed class ServiceInstanceNode : SimulationNode
{
    private static readonly TimeSpan BaseServiceTime = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan ServiceTimeTail = TimeSpan.FromMilliseconds(5);

    // Processes of one deployment start within a moment of each other.
    private static readonly TimeSpan StartupSpread = TimeSpan.FromMilliseconds(300);

    private readonly RegistryPolicy policy;
    private readonly string registryId;
    private readonly Action<LeaseEvent> report;
    private readonly SeededRandom serviceTimes;
    private readonly Action heartbeat;

    public ServiceInstanceNode(SimulationBase simulation, string id, string label, string registryId, RegistryPolicy policy, Action<LeaseEvent> report)
        : base(simulation, id, label)
    {
        this.policy = policy;
        this.registryId = registryId;
        this.report = report;
        serviceTimes = Random.Derive("service-time");
        heartbeat = Heartbeat;
    }

    /// <summary>When the instance last died, or null while it has never died.</summary>
    public TimeSpan? DiedAt { get; private set; }

    /// <summary>True once scaled in: it said goodbye and stopped.</summary>
    public bool Retired { get; private set; }

    public long Served { get; private set; }

    public long HeartbeatsSent { get; private set; }

    /// <summary>Registers as it starts, then renews every heartbeat, the first after a random part of one so instances do not beat in step.</summary>
    public override void Start() => StartTimer(Random.NextTime(TimeSpan.Zero, StartupSpread), () =>
    {
        Send(registryId, new RegisterInstance(Id));
        StartTimer(Random.NextTime(TimeSpan.Zero, policy.Heartbeat), heartbeat);
    });

    /// <summary>Scale in: a graceful shutdown that deregisters before the process stops.</summary>
    public void Retire()
    {
        Send(registryId, new DeregisterInstance(Id));
        Retired = true;
        Log("instance", $"{Label} deregisters and shuts down (scale in)");
        Crash();
    }

    protected override void OnCrash()
    {
        DiedAt = Now;
        report(new LeaseEvent(Now.TotalSeconds, Id, LeaseEventKind.Died));
    }

    protected override void OnRestart()
    {
        Retired = false;
        report(new LeaseEvent(Now.TotalSeconds, Id, LeaseEventKind.Restarted));
        Register();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case RenewReply { Known: false }:
                Log("instance", $"{Label} is unknown to the registry and registers again");
                Send(registryId, new RegisterInstance(Id));
                break;
            case ServiceRequest request:
                StartTimer(BaseServiceTime + serviceTimes.NextExponential(ServiceTimeTail), () =>
                {
                    Served++;
                    Send(from, new ServiceResponse(request.CallId, true, "ok"));
                });
                break;
        }
    }

    private void Register()
    {
        Send(registryId, new RegisterInstance(Id));
        StartTimer(policy.Heartbeat, heartbeat);
    }

    private void Heartbeat()
    {
        HeartbeatsSent++;
        Send(registryId, new RenewLease(Id));
        StartTimer(policy.Heartbeat, heartbeat);
    }
}
