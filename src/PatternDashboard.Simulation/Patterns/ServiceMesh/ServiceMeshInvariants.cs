using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// With mTLS required, no plaintext edge carries traffic: a proxy that runs a strict policy lets no plaintext request
/// through to its app. "Required" is the policy the proxy runs: one that has not yet heard of a change still runs the old.
/// </summary>
public sealed class NoPlaintextUnderStrictMtlsMonitor(ServiceMeshCluster cluster)
    : InvariantMonitor(MonitorId, "With mTLS required, no plaintext edge carries traffic")
{
    public const string MonitorId = "no-plaintext-under-strict-mtls";

    public override string? Check() =>
        cluster.PlaintextUnderStrict > 0 ? $"{cluster.PlaintextUnderStrict} plaintext request(s) served under strict mTLS; last: {cluster.LastPlaintextUnderStrict}." : null;
}

/// <summary>A proxy's policy version only goes up: a late or repeated push never takes it back to an older policy.</summary>
public sealed class PolicyVersionNeverDecreasesMonitor(ServiceMeshCluster cluster)
    : InvariantMonitor(MonitorId, "Policy version per proxy never decreases")
{
    public const string MonitorId = "policy-version-never-decreases";

    private readonly Dictionary<string, long> highest = new(StringComparer.Ordinal);
    private string? problem;

    public override string? Check()
    {
        var proxies = cluster.AllProxies;
        for (int i = 0; i < proxies.Count; i++)
        {
            var proxy = proxies[i];
            long seen = highest.GetValueOrDefault(proxy.Id);
            if (proxy.Applied.Version < seen)
            {
                problem ??= $"{proxy.Label} went from policy v{seen} back to v{proxy.Applied.Version}.";
            }
            highest[proxy.Id] = Math.Max(seen, proxy.Applied.Version);
        }
        return problem;
    }
}

/// <summary>
/// Attempts per request are bounded: no client request reaches any one service more than 1 + r times, r being the
/// retries the mesh allows. Red for <see cref="Memory"/> after the last request that went over.
/// </summary>
public sealed class AttemptsBoundedMonitor(ServiceMeshCluster cluster)
    : InvariantMonitor(MonitorId, "A request reaches any service at most 1 + r times")
{
    public const string MonitorId = "attempts-bounded";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    public override string? Check()
    {
        if (cluster.Attempts.LastOverBoundAt is not { } last || cluster.Clock.Now - last >= Memory)
        {
            return null;
        }
        var (attempts, root, service) = cluster.Attempts.LastOverBound;
        return $"request #{root} reached {service} {attempts} times; the mesh allows {cluster.ControlPlane.Desired.AttemptBound}.";
    }
}
