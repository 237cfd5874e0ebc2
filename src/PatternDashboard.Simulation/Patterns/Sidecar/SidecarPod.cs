using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>Where a rebuild of the app stands (break it: a setting change is a new build).</summary>
public enum RedeployPhase
{
    None,
    Building,
    Down,
}

/// <summary>
/// The pod's shared lifecycle: its containers start together, sidecars first and the app once its proxy is ready
/// (unless told not to wait), and they stop together. With break it on, a setting change rebuilds and redeploys it.
/// </summary>
public sealed partial class SidecarCluster
{
    public const int StartOrderCapacity = 16;

    private readonly List<StartStep> startOrder = [];
    private EventHandle redeployStep;
    private TimeSpan downSince;
    private long failuresAtStop;
    private SimulationNode[]? sidecars;

    /// <summary>False while "start the app before its sidecar is ready" is in force.</summary>
    public bool AppWaitsForProxy { get; private set; } = true;

    public bool PodUp => App.IsUp;

    public IReadOnlyList<StartStep> StartOrder => startOrder;

    public RedeployPhase Redeploy { get; private set; }

    /// <summary>When the running build or redeploy step ends.</summary>
    public TimeSpan RedeployStepEnds { get; private set; }

    /// <summary>Times a setting change took the app down to redeploy it.</summary>
    public int SettingRedeploys { get; private set; }

    public double LastDowntimeSeconds { get; private set; }

    public long FailedDuringLastRedeploy { get; private set; }

    /// <summary>What the last rebuild was for.</summary>
    public string? RedeployReason { get; private set; }

    internal void NoteStart(string what)
    {
        if (startOrder.Count < StartOrderCapacity)
        {
            startOrder.Add(new StartStep(Math.Round(Clock.Now.TotalSeconds, 3), what));
        }
    }

    /// <summary>The app's process runs again: it waits for its proxy unless the order is broken or it does not need one.</summary>
    internal void AppProcessStarted()
    {
        if (!AppWaitsForProxy || ConcernsInApp || Proxy.Ready)
        {
            App.BeginStartup();
        }
        else
        {
            App.WaitForProxy();
        }
    }

    internal void OnProxyReady()
    {
        NoteStart("TLS proxy ready");
        if (App.IsUp && App.Phase == AppPhase.WaitingForProxy)
        {
            App.BeginStartup();
        }
    }

    internal void OnAppServing()
    {
        if (Redeploy != RedeployPhase.Down)
        {
            return;
        }
        Redeploy = RedeployPhase.None;
        LastDowntimeSeconds = Math.Round((Clock.Now - downSince).TotalSeconds, 2);
        // Requests sent during the gap fail only once their client gives up on them.
        Scheduler.Schedule(ClientTimeout, () => FailedDuringLastRedeploy = FailuresSoFar - failuresAtStop);
    }

    /// <summary>The pod goes down: the app and every sidecar with it.</summary>
    internal void StopPod()
    {
        App.Crash();
        foreach (var sidecar in Sidecars)
        {
            sidecar.Crash();
        }
    }

    /// <summary>The pod starts: sidecars first (a crashed log shipper whose fault is in force stays down), then the app.</summary>
    internal void StartPod()
    {
        startOrder.Clear();
        NoteStart("pod starting: sidecars first");
        foreach (var sidecar in Sidecars)
        {
            if (sidecar != Shipper || !Faults.IsActive(Fault.CrashLogShipper))
            {
                sidecar.Restart();
            }
        }
        App.Restart();
    }

    /// <summary>The sidecars in the order the pod starts them; the lifecycle monitor reads it after every event.</summary>
    public IReadOnlyList<SimulationNode> Sidecars => sidecars ??= [Proxy, Shipper, Metrics];

    /// <summary>A new setting: pushed live to the proxy; with break it on, also a rebuild and redeploy of the app.</summary>
    internal void ChangeSetting(SidecarPolicy next, string what)
    {
        Desired = next;
        Config.Publish(next);
        if (ConcernsInApp)
        {
            BeginRebuild(what);
        }
    }

    internal void SetAppWaitsForProxy(bool waits) => AppWaitsForProxy = waits;

    internal void SetConcernsInApp(bool on)
    {
        ConcernsInApp = on;
        if (on)
        {
            return;
        }
        // The plumbing goes back to the sidecars: a rebuild under way is no longer needed.
        Scheduler.Cancel(redeployStep);
        if (Redeploy == RedeployPhase.Down)
        {
            FinishRedeploy();
        }
        Redeploy = RedeployPhase.None;
    }

    private long FailuresSoFar => ClientStats.Total.Failure + ClientStats.Total.NoSlot;

    private void BeginRebuild(string what)
    {
        RedeployReason = what;
        if (Redeploy != RedeployPhase.None)
        {
            Log.Append(AppId, "deploy", $"A rebuild is under way; it will carry {what} too");
            return;
        }
        Redeploy = RedeployPhase.Building;
        RedeployStepEnds = Clock.Now + SidecarCosts.Build;
        Log.Append(AppId, "deploy", $"Rebuilding the app for {what}: TLS and logging are in its code");
        redeployStep = Scheduler.Schedule(SidecarCosts.Build, StopForRedeploy);
    }

    private void StopForRedeploy()
    {
        if (!PodUp)
        {
            // The pod is down anyway: the new build is what it will start.
            Redeploy = RedeployPhase.None;
            App.Build++;
            App.BuiltPolicy = Desired;
            return;
        }
        Redeploy = RedeployPhase.Down;
        SettingRedeploys++;
        downSince = Clock.Now;
        failuresAtStop = FailuresSoFar;
        long inMemory = App.Memory.Count;
        Log.Append(AppId, "deploy", $"Redeploying build {App.Build + 1}: the app stops, and {inMemory} log lines in its memory with it");
        StopPod();
        RedeployStepEnds = Clock.Now + SidecarCosts.Redeploy;
        redeployStep = Scheduler.Schedule(SidecarCosts.Redeploy, FinishRedeploy);
    }

    private void FinishRedeploy()
    {
        App.Build++;
        App.BuiltPolicy = Desired;
        if (!Faults.IsActive(Fault.CrashApp))
        {
            StartPod();
        }
    }
}

/// <summary>One step of the pod's last start, at its simulated time in seconds.</summary>
public sealed record StartStep(double Time, string What);
