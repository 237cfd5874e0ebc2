using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Registry;

/// <summary>One row of the registry's table: an instance and its lease.</summary>
public sealed class RegistryEntry(string instanceId, TimeSpan registeredAt)
{
    public string InstanceId { get; } = instanceId;

    public TimeSpan RegisteredAt { get; } = registeredAt;

    /// <summary>When the registry last heard from the instance (its registration or a heartbeat).</summary>
    public TimeSpan LastRenewal { get; internal set; } = registeredAt;

    public long Renewals { get; internal set; }

    /// <summary>Heartbeats missed in a row since the last renewal.</summary>
    public int Missed { get; internal set; }

    /// <summary>True once the lease ran out while the entry stays listed (self-preservation, or expiry switched off).</summary>
    public bool Expired { get; internal set; }

    internal bool KeptReported { get; set; }
}

/// <summary>
/// A service registry in the style of Eureka: instances register and renew a lease by heartbeat; a periodic sweep
/// evicts those whose lease ran out. With self-preservation on, when the renewals received over the last lease period
/// fall below a share of those expected, the sweep stops evicting: a registry cut off from its instances keeps their
/// entries rather than empty itself. The table lives in memory: a crash forgets it, and instances register again
/// when their next heartbeat is answered "unknown".
/// </summary>
public sealed class RegistryNode : SimulationNode
{
    public const string RegistryId = "registry";

    private readonly SortedDictionary<string, RegistryEntry> table = new(StringComparer.Ordinal);
    // Times of the renewals received over the last lease period, for self-preservation.
    private readonly Queue<TimeSpan> renewals = new();
    private readonly Action<LeaseEvent> report;
    private readonly Action sweep;

    public RegistryNode(SimulationBase simulation, RegistryPolicy policy, Action<LeaseEvent> report)
        : base(simulation, RegistryId, "Registry")
    {
        Policy = policy;
        this.report = report;
        sweep = Sweep;
    }

    public RegistryPolicy Policy { get; }

    public IReadOnlyCollection<RegistryEntry> Entries => table.Values;

    public RegistryEntry? Entry(string instanceId) => table.GetValueOrDefault(instanceId);

    /// <summary>True while self-preservation holds eviction back (decided at each sweep).</summary>
    public bool SelfPreserving { get; private set; }

    /// <summary>Renewals received over the last lease period, as of the latest sweep.</summary>
    public int RecentRenewals { get; private set; }

    /// <summary>Renewals the registered instances should have sent over the last lease period, as of the latest sweep.</summary>
    public int ExpectedRenewals { get; private set; }

    public long QueriesAnswered { get; private set; }

    public override void Start() => StartTimer(RegistryPolicy.EvictionSweep, sweep);

    protected override void OnCrash()
    {
        table.Clear();
        renewals.Clear();
        SelfPreserving = false;
        RecentRenewals = ExpectedRenewals = 0;
    }

    protected override void OnRestart()
    {
        Log("registry", "Registry restarted with an empty table; instances register again on their next heartbeat");
        Start();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case RegisterInstance register:
                if (!table.TryGetValue(register.InstanceId, out var entry))
                {
                    table.Add(register.InstanceId, new RegistryEntry(register.InstanceId, Now));
                    Report(register.InstanceId, LeaseEventKind.Registered);
                    Log("registry", $"{register.InstanceId} registered");
                }
                else
                {
                    Renew(entry);
                }
                renewals.Enqueue(Now);
                break;
            case RenewLease renew:
                bool known = table.TryGetValue(renew.InstanceId, out var renewed);
                if (known)
                {
                    Renew(renewed!);
                    renewals.Enqueue(Now);
                    Report(renew.InstanceId, LeaseEventKind.Renewed);
                }
                Send(from, new RenewReply(known));
                break;
            case DeregisterInstance goodbye:
                if (table.Remove(goodbye.InstanceId))
                {
                    Report(goodbye.InstanceId, LeaseEventKind.Deregistered);
                    Log("registry", $"{goodbye.InstanceId} deregistered");
                }
                break;
            case QueryInstances query:
                QueriesAnswered++;
                Send(from, new InstanceList(query.QueryId, [.. table.Keys]));
                break;
        }
    }

    private void Renew(RegistryEntry entry)
    {
        entry.LastRenewal = Now;
        entry.Renewals++;
        entry.Missed = 0;
        entry.Expired = false;
        entry.KeptReported = false;
    }

    private void Sweep()
    {
        var now = Now;
        while (renewals.TryPeek(out var oldest) && now - oldest > Policy.Lease)
        {
            renewals.Dequeue();
        }
        RecentRenewals = renewals.Count;
        ExpectedRenewals = 0;
        foreach (var entry in table.Values)
        {
            var age = now - entry.RegisteredAt;
            ExpectedRenewals += (int)((age < Policy.Lease ? age : Policy.Lease) / Policy.Heartbeat);
        }
        bool preserve = Policy.SelfPreservation && ExpectedRenewals > 0 && RecentRenewals < Policy.RenewalThreshold * ExpectedRenewals;
        if (preserve != SelfPreserving)
        {
            SelfPreserving = preserve;
            Log("registry", preserve
                ? $"Self-preservation on: {RecentRenewals} renewals of {ExpectedRenewals} expected in the last lease period; eviction stops"
                : $"Self-preservation off: {RecentRenewals} renewals of {ExpectedRenewals} expected; eviction resumes");
        }
        foreach (var entry in table.Values.ToList())
        {
            CheckLease(entry, now);
        }
        StartTimer(RegistryPolicy.EvictionSweep, sweep);
    }

    private void CheckLease(RegistryEntry entry, TimeSpan now)
    {
        var silent = now - entry.LastRenewal;
        // A heartbeat counts as missed half a period after it was due.
        int missed = (int)((silent - Policy.Heartbeat / 2) / Policy.Heartbeat);
        for (; entry.Missed < missed; entry.Missed++)
        {
            report(new LeaseEvent((entry.LastRenewal + Policy.Heartbeat * (entry.Missed + 1.5)).TotalSeconds, entry.InstanceId, LeaseEventKind.Missed));
        }
        if (silent <= Policy.Lease)
        {
            return;
        }
        if (!entry.Expired)
        {
            entry.Expired = true;
            report(new LeaseEvent((entry.LastRenewal + Policy.Lease).TotalSeconds, entry.InstanceId, LeaseEventKind.Expired));
        }
        if (!Policy.LeaseExpiry || SelfPreserving)
        {
            if (!entry.KeptReported)
            {
                entry.KeptReported = true;
                Report(entry.InstanceId, LeaseEventKind.Kept);
                Log("registry", $"{entry.InstanceId}'s lease ran out but it stays listed: {(Policy.LeaseExpiry ? "self-preservation" : "lease expiry is off")}");
            }
            return;
        }
        table.Remove(entry.InstanceId);
        Report(entry.InstanceId, LeaseEventKind.Evicted);
        Log("registry", $"{entry.InstanceId} evicted: no renewal for {silent.TotalSeconds:0.0} s (lease {Policy.Lease.TotalSeconds:0.#} s)");
    }

    private void Report(string instanceId, string kind) => report(new LeaseEvent(Now.TotalSeconds, instanceId, kind));
}
