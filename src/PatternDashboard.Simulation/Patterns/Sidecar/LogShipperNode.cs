using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// The log-shipping sidecar (a Fluent Bit): it tails the buffer on the pod's shared volume and ships it to the log
/// store. The buffer is not its memory, so its crash loses no line: the app goes on writing until the buffer is full.
/// </summary>
public sealed class LogShipperNode : SimulationNode
{
    private readonly SidecarCluster cluster;

    public LogShipperNode(SidecarCluster cluster) : base(cluster, SidecarPattern.ShipperId, "Log shipper")
    {
        this.cluster = cluster;
        Shipping = new LogShipping(cluster.SharedBuffer, cluster.Settings.ShipInterval, StartTimer,
            m => Send(SidecarPattern.LogStoreId, m),
            lines => SidecarCosts.PerLogBatch + lines * (SidecarCosts.PerLogLine + AddedTime),
            cpu => cluster.Cpu.Add(Now, CpuUser.Shipper, cpu));
    }

    public LogShipping Shipping { get; }

    public bool Ready { get; private set; }

    /// <summary>Slow sidecar: added to the work on each line.</summary>
    public TimeSpan AddedTime { get; set; }

    public override void Start() => BeginLife();

    protected override void OnRestart() => BeginLife();

    protected override void OnCrash() => Ready = false;

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is LogAck ack)
        {
            Shipping.OnAck(ack);
        }
    }

    private void BeginLife()
    {
        cluster.NoteStart("log shipper starting");
        StartTimer(SidecarCosts.ShipperStartup, () =>
        {
            Ready = true;
            cluster.NoteStart($"log shipper ready: resumes at line {cluster.SharedBuffer.First}");
            Shipping.Start();
        });
    }
}
