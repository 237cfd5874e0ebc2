namespace PatternDashboard.Simulation.Patterns.Shared.Registry;

/// <summary>
/// How leases work in one cluster, shared by the registry and its instances: the lease and heartbeat periods, and the
/// registry's live switches (lease expiry, Eureka-style self-preservation).
/// </summary>
public sealed class RegistryPolicy(TimeSpan lease, TimeSpan heartbeat, double renewalThreshold)
{
    /// <summary>How often the registry looks for leases that ran out; a dead instance may outlive its lease by this much.</summary>
    public static readonly TimeSpan EvictionSweep = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a lease lasts after the last renewal the registry received.</summary>
    public TimeSpan Lease { get; } = lease;

    /// <summary>How often an instance renews its lease.</summary>
    public TimeSpan Heartbeat { get; } = heartbeat;

    /// <summary>Share of expected renewals below which self-preservation stops eviction, 0 to 1 (Eureka: 0.85).</summary>
    public double RenewalThreshold { get; } = renewalThreshold;

    /// <summary>False while "break it" is on: leases never run out, so a dead instance stays registered.</summary>
    public bool LeaseExpiry { get; set; } = true;

    /// <summary>True while self-preservation may stop eviction when too many renewals are missing at once.</summary>
    public bool SelfPreservation { get; set; }
}

/// <summary>What happened to one instance's lease, for the timeline drawn per instance. Times in simulated seconds.</summary>
/// <param name="By">Who did it, when not the registry: the client or load balancer whose cache changed.</param>
public sealed record LeaseEvent(double Time, string InstanceId, string Kind, string? By = null);

/// <summary>The kinds of <see cref="LeaseEvent"/>.</summary>
public static class LeaseEventKind
{
    public const string Registered = "registered";
    public const string Renewed = "renewed";
    public const string Missed = "missed";
    public const string Expired = "expired";
    public const string Evicted = "evicted";
    public const string Kept = "kept";
    public const string Deregistered = "deregistered";
    public const string Died = "died";
    public const string Restarted = "restarted";
    public const string CacheAdded = "cache-added";
    public const string CacheDropped = "cache-dropped";
}
