namespace PatternDashboard.Simulation.Patterns.Shared.ControlPlane;

/// <summary>
/// The policy one proxy runs, with its version. A push older than (or as old as) what it runs is ignored, so a
/// delayed or duplicated push can never take a proxy back; the proxy keeps its last policy when the control plane
/// is gone.
/// </summary>
public sealed class AppliedPolicy<TPolicy>(TPolicy initial)
{
    public long Version { get; private set; }

    public TPolicy Policy { get; private set; } = initial;

    /// <summary>Pushes ignored because they were not newer.</summary>
    public long StaleIgnored { get; private set; }

    /// <summary>Runs a pushed version if it is newer; true when it was applied.</summary>
    public bool TryApply(long version, TPolicy policy)
    {
        if (version <= Version)
        {
            StaleIgnored++;
            return false;
        }
        Version = version;
        Policy = policy;
        return true;
    }
}
