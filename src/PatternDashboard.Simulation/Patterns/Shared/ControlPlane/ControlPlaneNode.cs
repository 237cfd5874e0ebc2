using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.ControlPlane;

/// <summary>
/// A control plane that distributes one versioned policy to a set of proxies. The desired policy lives in the
/// configuration store, so a change is accepted even while this process is down; it reaches the proxies once the
/// process runs again. Pushes go over the network, each proxy acknowledges the version it runs, and a resync sends
/// the newest version again to every proxy that has not acknowledged it (a lost push, a restarted proxy).
/// </summary>
public sealed class ControlPlaneNode<TPolicy> : SimulationNode
{
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, long> acknowledged = new(StringComparer.Ordinal);
    private readonly Action resync;
    private NodeTimer? resyncTimer;

    public ControlPlaneNode(SimulationBase simulation, string id, string label, IEnumerable<string> proxies, TPolicy initial)
        : base(simulation, id, label)
    {
        foreach (string proxy in proxies)
        {
            acknowledged[proxy] = 0;
        }
        Desired = initial;
        DesiredVersion = 1;
        resync = () =>
        {
            resyncTimer = null;
            PushToLagging();
            ScheduleResync();
        };
    }

    public TPolicy Desired { get; private set; }

    public long DesiredVersion { get; private set; }

    public IReadOnlyList<string> Proxies => [.. acknowledged.Keys];

    /// <summary>The version a proxy last acknowledged (0: none yet).</summary>
    public long AcknowledgedBy(string proxy) => acknowledged.GetValueOrDefault(proxy);

    /// <summary>Proxies that do not yet run the desired version.</summary>
    public int Lagging => acknowledged.Values.Count(v => v < DesiredVersion);

    /// <summary>Stores a new desired policy under the next version and pushes it at once when this process runs.</summary>
    public long Publish(TPolicy policy)
    {
        Desired = policy;
        DesiredVersion++;
        if (IsUp)
        {
            PushToLagging();
        }
        return DesiredVersion;
    }

    public override void Start()
    {
        PushToLagging();
        ScheduleResync();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is PolicyAck ack && acknowledged.TryGetValue(from, out long known) && ack.Version > known)
        {
            acknowledged[from] = ack.Version;
        }
    }

    protected override void OnCrash() => resyncTimer = null;

    protected override void OnRestart() => Start();

    /// <summary>A proxy that restarted may have lost what it ran: it is sent the newest version again.</summary>
    public void Forget(string proxy)
    {
        if (acknowledged.ContainsKey(proxy))
        {
            acknowledged[proxy] = 0;
        }
    }

    private void PushToLagging()
    {
        var push = new PolicyPush<TPolicy>(DesiredVersion, Desired);
        foreach (var (proxy, version) in acknowledged)
        {
            if (version < DesiredVersion)
            {
                Send(proxy, push);
            }
        }
    }

    private void ScheduleResync()
    {
        if (resyncTimer is null)
        {
            resyncTimer = StartTimer(ResyncInterval, resync);
        }
    }
}
