using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Shared.Deployment;

/// <summary>
/// An instance slot a <see cref="ServiceDeployment"/> runs versions in. The deployment launches a version into it,
/// probes it, and terminates it (out of traffic, a drain, then the process stops). A subclass does the serving and says
/// how it joins and leaves traffic (registering with a registry, an endpoint list) in <see cref="OnReadyChanged"/>.
/// </summary>
public abstract class DeployableNode(SimulationBase simulation, string id, string label) : SimulationNode(simulation, id, label)
{
    public ServiceVersion? Version { get; private set; }

    public InstancePhase Phase { get; private set; } = InstancePhase.Vacant;

    /// <summary>Bumped at every launch: a fault aimed at an earlier instance in this slot leaves the new one alone.</summary>
    public int Generation { get; private set; }

    /// <summary>True while the instance counts toward the deployment (it exists and is not on its way out).</summary>
    public bool IsLive => Phase is InstancePhase.Starting or InstancePhase.Ready or InstancePhase.Unready;

    /// <summary>True while it takes traffic.</summary>
    public bool IsReady => Phase == InstancePhase.Ready;

    internal TimeSpan StartedAt { get; private set; }

    internal int ProbeFailures { get; set; }

    /// <summary>Whether the spec this instance was launched from has a readiness probe.</summary>
    public bool Probed { get; private set; }

    /// <summary>What the readiness probe gets back from a running process: true for healthy.</summary>
    public abstract bool AnswersProbe();

    /// <summary>Joins or leaves traffic; called on every change of readiness and before termination.</summary>
    protected abstract void OnReadyChanged(bool ready);

    /// <summary>The process stopped (killed, or at the end of termination): drop what lives in memory.</summary>
    protected virtual void OnProcessStopped()
    {
    }

    /// <summary>The process starts (launched, or restarted after a kill); it answers after the startup time.</summary>
    protected virtual void OnProcessStarted()
    {
    }

    protected sealed override void OnCrash()
    {
        // A dead process fails its probe; it leaves traffic at once rather than at the next probe.
        if (Phase == InstancePhase.Ready)
        {
            Phase = InstancePhase.Unready;
            OnReadyChanged(false);
        }
        OnProcessStopped();
    }

    protected sealed override void OnRestart()
    {
        StartedAt = Now;
        ProbeFailures = 0;
        if (Phase == InstancePhase.Unready)
        {
            Phase = InstancePhase.Starting;
        }
        OnProcessStarted();
    }

    internal void Launch(ServiceVersion version, bool probed)
    {
        Version = version;
        Probed = probed;
        Generation++;
        StartedAt = Now;
        ProbeFailures = 0;
        Phase = InstancePhase.Starting;
        if (Lifecycle == NodeLifecycle.Crashed)
        {
            Restart();
        }
        else
        {
            OnProcessStarted();
        }
        Log("deploy", $"{Label} starts {version.Name}");
    }

    internal void SetReady(bool ready)
    {
        var phase = ready ? InstancePhase.Ready : InstancePhase.Unready;
        if (Phase == phase)
        {
            return;
        }
        bool was = Phase == InstancePhase.Ready;
        Phase = phase;
        if (was != ready)
        {
            OnReadyChanged(ready);
        }
    }

    internal void Terminate(TimeSpan drain)
    {
        if (Phase == InstancePhase.Ready)
        {
            OnReadyChanged(false);
        }
        Phase = InstancePhase.Terminating;
        Log("deploy", $"{Label} ({Version?.Name}) leaves traffic and drains");
        if (!IsUp)
        {
            Vacate();
            return;
        }
        StartTimer(drain, Vacate);
    }

    private void Vacate()
    {
        Phase = InstancePhase.Vacant;
        Crash();
    }
}
