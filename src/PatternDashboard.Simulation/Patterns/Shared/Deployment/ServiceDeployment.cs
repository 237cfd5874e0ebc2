using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Shared.Deployment;

/// <summary>
/// The controller of one service's instances, in the manner of a Kubernetes Deployment: a desired replica count and
/// version, a readiness probe run every probe period, scaling, and a rolling update bounded by max surge and max
/// unavailable. Each period it first probes, then reconciles: start new-version instances while the total stays within
/// replicas + surge, and stop old ones (unready ones first) only while the ready count stays at least
/// replicas - unavailable. So a new version that never gets ready stalls the rollout with the old one still serving.
/// Instances live in slots that are reused once vacant, so the node count stays bounded however many rollouts run.
/// </summary>
public sealed class ServiceDeployment
{
    private readonly SimulationBase simulation;
    private readonly Func<int, DeployableNode> createSlot;
    private readonly List<DeployableNode> slots = [];
    private readonly Action tick;
    private double surgeShare;
    private double unavailableShare;
    private TimeSpan lastProgress;

    /// <param name="createSlot">Makes the node for slot n (1, 2, ...) and adds it to the simulation.</param>
    public ServiceDeployment(SimulationBase simulation, string service, int replicas, ServiceVersion version, double surgeShare, double unavailableShare,
        ProbeSettings probe, Func<int, DeployableNode> createSlot)
    {
        this.simulation = simulation;
        this.createSlot = createSlot;
        this.surgeShare = surgeShare;
        this.unavailableShare = unavailableShare;
        Service = service;
        Probe = probe;
        Bounds = RolloutBounds.FromShares(replicas, surgeShare, unavailableShare);
        Replicas = replicas;
        Target = version;
        tick = Tick;
        for (int i = 0; i < replicas; i++)
        {
            // The first instances are there when the run begins, ready: the run starts in a steady state.
            var slot = NewSlot();
            slot.Launch(version, probed: true);
            slot.SetReady(true);
        }
        simulation.Scheduler.Schedule(probe.Period, tick);
    }

    public string Service { get; }

    public ProbeSettings Probe { get; }

    public int Replicas { get; private set; }

    public RolloutBounds Bounds { get; private set; }

    /// <summary>The version every instance should run.</summary>
    public ServiceVersion Target { get; private set; }

    /// <summary>Whether instances of the target version are probed; without a probe a running process counts as ready.</summary>
    public bool ProbeEnabled { get; private set; } = true;

    public IReadOnlyList<DeployableNode> Slots => slots;

    /// <summary>Told when an instance in a slot is stopped for good (its slot becomes free), for faults aimed at it.</summary>
    public Action<DeployableNode>? Terminated { get; init; }

    /// <summary>Instances that exist and count: starting, ready or unready.</summary>
    public int Live => Count(s => s.IsLive);

    public int Ready => Count(s => s.IsReady);

    public int Updated => Count(s => s.IsLive && s.Version == Target);

    /// <summary>True while some live instance runs another version than the target, or the count is off.</summary>
    public bool IsRollingOut => Count(s => s.IsLive && s.Version != Target) > 0;

    /// <summary>How long a rollout may go without progress before it counts as stalled (Kubernetes' progress deadline, shortened).</summary>
    public static readonly TimeSpan ProgressDeadline = TimeSpan.FromSeconds(8);

    /// <summary>True while the rollout is under way and has not moved for <see cref="ProgressDeadline"/>: its new instances never get ready.</summary>
    public bool IsStalled { get; private set; }

    /// <summary>The ready instances of the target version reached the replica count, and nothing old is left.</summary>
    public bool IsComplete => !IsRollingOut && Count(s => s.IsReady && s.Version == Target) == Replicas;

    /// <summary>Starts a rolling update to <paramref name="version"/>; with <paramref name="probe"/> false its instances are never probed.</summary>
    public void RollOut(ServiceVersion version, bool probe)
    {
        Target = version;
        ProbeEnabled = probe;
        NoteProgress();
        simulation.Log.Append(null, "deploy", $"{Service}: rolling out {version.Name} ({(probe ? "with" : "without")} a readiness probe), max surge {Bounds.MaxSurge}, max unavailable {Bounds.MaxUnavailable}");
    }

    /// <summary>Scales to <paramref name="replicas"/>; the bounds follow the new count.</summary>
    public void Scale(int replicas)
    {
        Bounds = RolloutBounds.FromShares(replicas, surgeShare, unavailableShare);
        Replicas = replicas;
        simulation.Log.Append(null, "deploy", $"{Service}: scaled to {replicas} replicas");
    }

    /// <summary>Changes the shares used from the next period on.</summary>
    public void SetShares(double surge, double unavailable)
    {
        Bounds = RolloutBounds.FromShares(Replicas, surge, unavailable);
        (surgeShare, unavailableShare) = (surge, unavailable);
    }

    private int Count(Func<DeployableNode, bool> predicate)
    {
        int n = 0;
        foreach (var slot in slots)
        {
            n += predicate(slot) ? 1 : 0;
        }
        return n;
    }

    private void Tick()
    {
        ProbeAll();
        Reconcile();
        simulation.Scheduler.Schedule(Probe.Period, tick);
    }

    private void ProbeAll()
    {
        var now = simulation.Clock.Now;
        foreach (var slot in slots)
        {
            if (!slot.IsLive || now - slot.StartedAt < Probe.Startup)
            {
                continue;
            }
            bool probed = slot.Probed;
            bool healthy = slot.IsUp && (!probed || slot.AnswersProbe());
            slot.ProbeFailures = healthy ? 0 : slot.ProbeFailures + 1;
            if (healthy)
            {
                if (!slot.IsReady && slot.Version == Target)
                {
                    NoteProgress();
                }
                slot.SetReady(true);
            }
            else if (!slot.IsUp || slot.ProbeFailures >= Probe.FailureThreshold || slot.Phase == InstancePhase.Starting)
            {
                slot.SetReady(false);
            }
        }
    }

    private void Reconcile()
    {
        int minReady = Replicas - Bounds.MaxUnavailable;
        int maxLive = Replicas + Bounds.MaxSurge;
        int updated = Updated;
        int live = Live;
        // Start instances of the target version while there is room under the surge.
        while (updated < Replicas && live < maxLive)
        {
            (slots.FirstOrDefault(s => s.Phase == InstancePhase.Vacant) ?? NewSlot()).Launch(Target, ProbeEnabled);
            updated++;
            live++;
            NoteProgress();
        }
        // Kubernetes' budget for stopping old instances: what exists beyond the ready minimum, less the new ones not
        // ready yet. Unready old ones go first, so that every ready one stopped is one the minimum can spare.
        int budget = live - minReady - Count(s => s.IsLive && s.Version == Target && !s.IsReady);
        int ready = Ready;
        foreach (var slot in slots.Where(s => s.IsLive && s.Version != Target).OrderBy(s => s.IsReady).ThenBy(s => s.Id, StringComparer.Ordinal).ToList())
        {
            if (budget <= 0 || (slot.IsReady && ready - 1 < minReady))
            {
                break;
            }
            ready -= slot.IsReady ? 1 : 0;
            budget--;
            Stop(slot);
            NoteProgress();
        }
        // Scaled in: surplus instances of the target version go, unready and newest first.
        foreach (var slot in slots.Where(s => s.IsLive && s.Version == Target).OrderBy(s => s.IsReady).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToList())
        {
            if (updated <= Replicas)
            {
                break;
            }
            Stop(slot);
            updated--;
        }
        IsStalled = IsRollingOut && simulation.Clock.Now - lastProgress > ProgressDeadline;
    }

    private void NoteProgress() => lastProgress = simulation.Clock.Now;

    private void Stop(DeployableNode slot)
    {
        slot.Terminate(Probe.Drain);
        if (slot.Phase == InstancePhase.Vacant)
        {
            Terminated?.Invoke(slot);
        }
        else
        {
            simulation.Scheduler.Schedule(Probe.Drain, () => Terminated?.Invoke(slot));
        }
    }

    private DeployableNode NewSlot()
    {
        var slot = createSlot(slots.Count + 1);
        slots.Add(slot);
        return slot;
    }
}
