using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>The metrics sidecar: scrapes the app's counters every second over the pod's loopback, as a Prometheus exporter would.</summary>
public sealed class MetricsSidecarNode : SimulationNode
{
    private readonly SidecarCluster cluster;

    public MetricsSidecarNode(SidecarCluster cluster) : base(cluster, SidecarPattern.MetricsId, "Metrics sidecar") => this.cluster = cluster;

    public bool Ready { get; private set; }

    /// <summary>Slow sidecar: added to each scrape.</summary>
    public TimeSpan AddedTime { get; set; }

    public long Scrapes { get; private set; }

    /// <summary>The app's served count at the last scrape.</summary>
    public long LastServed { get; private set; }

    public override void Start() => BeginLife();

    protected override void OnRestart() => BeginLife();

    protected override void OnCrash() => Ready = false;

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is ScrapeReply reply)
        {
            Scrapes++;
            LastServed = reply.Served;
            cluster.Cpu.Add(Now, CpuUser.Metrics, SidecarCosts.PerScrape + AddedTime);
        }
    }

    private void BeginLife()
    {
        cluster.NoteStart("metrics sidecar starting");
        StartTimer(SidecarCosts.MetricsStartup, () =>
        {
            Ready = true;
            cluster.NoteStart("metrics sidecar ready");
            ScrapeLoop();
        });
    }

    private void ScrapeLoop()
    {
        Send(SidecarPattern.AppId, new Scrape());
        StartTimer(SidecarCosts.ScrapeInterval, ScrapeLoop);
    }
}
