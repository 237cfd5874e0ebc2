using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>How the cluster describes itself to a page: nodes in words, the details record, the CPU split.</summary>
public sealed partial class SidecarCluster
{
    private static readonly TimeSpan DetailsWindow = TimeSpan.FromSeconds(5);

    public (double App, double Sidecars, double InApp, double SidecarPercent) CpuShares(TimeSpan now)
    {
        double app = Cpu.MsPerSecond(now, CpuUser.App);
        double sidecars = Cpu.MsPerSecond(now, CpuUser.Proxy) + Cpu.MsPerSecond(now, CpuUser.Shipper) + Cpu.MsPerSecond(now, CpuUser.Metrics);
        double inApp = Cpu.MsPerSecond(now, CpuUser.InAppPlumbing);
        double total = app + sidecars + inApp;
        return (app, sidecars, inApp, total == 0 ? 0 : Math.Round(100 * sidecars / total, 1));
    }

    public SidecarDetails Details()
    {
        var now = Clock.Now;
        var (app, sidecars, inApp, percent) = CpuShares(now);
        double total = app + sidecars + inApp;
        var recent = ClientStats.Over(now, DetailsWindow);
        var latency = ClientStats.Percentiles();
        var lost = new NoLogLineLostMonitor(this);
        var proxyPolicy = Proxy.Policy;
        return new SidecarDetails(
            PodUp ? "running" : Redeploy == RedeployPhase.Down ? "down: redeploying a new build" : "down",
            AppState(),
            ConcernsInApp,
            AppWaitsForProxy,
            [
                View(Proxy, "terminates TLS, holds the call timeout", CpuUser.Proxy, Proxy.AddedTime, total),
                View(Shipper, "ships log lines to the log store", CpuUser.Shipper, Shipper.AddedTime, total),
                View(Metrics, "scrapes the app's counters", CpuUser.Metrics, Metrics.AddedTime, total),
            ],
            Math.Round(app, 1), Math.Round(sidecars, 1), Math.Round(inApp, 1), percent, Math.Round(Proxy.AddedMsPerRequest, 2),
            Math.Round(recent.Requests / DetailsWindow.TotalSeconds, 1), Math.Round((recent.Failure + recent.NoSlot) / DetailsWindow.TotalSeconds, 1),
            Math.Round(100 * recent.SuccessRatio, 1), latency.P50, latency.P90, latency.P99,
            new LogView(SharedBuffer.Count, SharedBuffer.Capacity, App.Memory.Count, SharedBuffer.Written + App.Memory.Written, LogStore.Stored,
                SharedBuffer.Dropped + App.Memory.Dropped, lost.Missing(SharedBuffer) + lost.Missing(App.Memory), SharedBuffer.First),
            new SettingView(Desired.Timeout.TotalMilliseconds, Desired.Tls, Config.DesiredVersion, proxyPolicy.Version,
                proxyPolicy.Policy.Timeout.TotalMilliseconds, proxyPolicy.Policy.Tls, App.Build, App.BuiltPolicy.Timeout.TotalMilliseconds, App.BuiltPolicy.Tls),
            new RedeployView(Redeploy switch { RedeployPhase.Building => "building", RedeployPhase.Down => "down: redeploying", _ => "none" },
                Redeploy == RedeployPhase.None ? 0 : Math.Round(Math.Max(0, (RedeployStepEnds - now).TotalSeconds), 1),
                SettingRedeploys, LastDowntimeSeconds, FailedDuringLastRedeploy, RedeployReason),
            App.FirstCallsFailed,
            Proxy.RefusedNotReady,
            [.. StartOrder],
            Trace.Latest);
    }

    private string AppState() => App.Phase switch
    {
        AppPhase.Serving => ConcernsInApp ? "serving, with TLS and logging in its own code" : "serving",
        AppPhase.WaitingForProxy => "waiting for its proxy to be ready",
        AppPhase.Starting => "starting",
        _ => "down",
    };

    private SidecarView View(SimulationNode node, string role, CpuUser user, TimeSpan added, double total)
    {
        double cpu = Cpu.MsPerSecond(Clock.Now, user);
        return new SidecarView(node.Id, node.Label, role, SidecarState(node), Math.Round(cpu, 2),
            total == 0 ? 0 : Math.Round(100 * cpu / total, 1), added.TotalMilliseconds);
    }

    private string SidecarState(SimulationNode node)
    {
        if (!node.IsUp)
        {
            return PodUp ? "down (crashed)" : "down with its pod";
        }
        bool ready = node switch
        {
            TlsProxyNode p => p.Ready,
            LogShipperNode s => s.Ready,
            MetricsSidecarNode m => m.Ready,
            _ => true,
        };
        if (!ready)
        {
            return "starting";
        }
        return ConcernsInApp && node != Metrics ? "idle: the app does this itself" : "ready";
    }

    protected override NodeView Describe(SimulationNode node)
    {
        var properties = new Dictionary<string, object?>();
        string state;
        switch (node)
        {
            case AppNode:
                state = AppState();
                properties[Property.Phase] = App.Phase.ToString();
                properties[Property.Build] = App.Build;
                properties[Property.BufferLines] = App.Memory.Count;
                properties[Property.CpuMsPerSecond] = Math.Round(Cpu.MsPerSecond(Clock.Now, CpuUser.App), 1);
                break;
            case TlsProxyNode:
                state = SidecarState(node);
                properties[Property.PolicyVersion] = Proxy.Policy.Version;
                properties[Property.CpuMsPerSecond] = Math.Round(Cpu.MsPerSecond(Clock.Now, CpuUser.Proxy), 1);
                break;
            case LogShipperNode:
                state = SidecarState(node);
                properties[Property.BufferLines] = SharedBuffer.Count;
                properties[Property.Dropped] = SharedBuffer.Dropped;
                properties[Property.CpuMsPerSecond] = Math.Round(Cpu.MsPerSecond(Clock.Now, CpuUser.Shipper), 2);
                break;
            case MetricsSidecarNode:
                state = SidecarState(node);
                properties[Property.CpuMsPerSecond] = Math.Round(Cpu.MsPerSecond(Clock.Now, CpuUser.Metrics), 2);
                break;
            case RemoteProxyNode:
                state = node.IsUp ? "ready" : "down";
                break;
            case LogStoreNode:
                state = node.IsUp ? "storing" : "down";
                properties[Property.Stored] = LogStore.Stored;
                break;
            default:
                state = node.IsUp ? node == Config ? "config source" : node == Clients ? "clients" : "healthy" : "down";
                break;
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, node.Lifecycle.ToString().ToLowerInvariant(), properties);
    }
}
