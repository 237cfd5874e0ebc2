using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// While the buffer is not exceeded, no log line is lost: every line the app wrote is in the log store, still in a
/// buffer, or was dropped because the buffer was full (and counted). A line missing from all three was lost.
/// </summary>
public sealed class NoLogLineLostMonitor(SidecarCluster cluster)
    : InvariantMonitor(MonitorId, "While the log buffer is not exceeded, no log line is lost (each is stored, buffered, or counted as dropped at the limit)")
{
    public const string MonitorId = "no-log-line-lost";

    public override string? Check()
    {
        long shared = Missing(cluster.SharedBuffer);
        long memory = Missing(cluster.App.Memory);
        if (shared + memory == 0)
        {
            return null;
        }
        return memory > 0
            ? $"{memory} log line(s) lost from the app's memory when its process stopped, with the buffer not full: no store has them and no count says so."
            : $"{shared} log line(s) of the shared buffer are neither stored, buffered nor counted as dropped.";
    }

    /// <summary>Lines the buffer let go of that the store never got.</summary>
    public long Missing(LogBuffer buffer)
    {
        long upTo = cluster.LogStore.StoredUpTo(buffer.Source);
        return cluster.LogStore.Gaps(buffer.Source) + Math.Max(0, buffer.First - 1 - upTo);
    }
}

/// <summary>No sidecar runs while its app (the pod) is down: they share one lifecycle.</summary>
public sealed class SidecarsShareLifecycleMonitor(SidecarCluster cluster)
    : InvariantMonitor(MonitorId, "No sidecar runs while its app's pod is down")
{
    public const string MonitorId = "sidecars-share-lifecycle";

    public override string? Check()
    {
        if (cluster.PodUp)
        {
            return null;
        }
        foreach (var sidecar in cluster.Sidecars)
        {
            if (sidecar.IsUp)
            {
                return $"{sidecar.Label} runs while the app is down.";
            }
        }
        return null;
    }
}

/// <summary>A setting change (timeout, TLS) is applied live: it never takes the app down to rebuild and redeploy it.</summary>
public sealed class NoRedeployForSettingsMonitor(SidecarCluster cluster)
    : InvariantMonitor(MonitorId, "Changing a setting (timeout, TLS) never takes the app down")
{
    public const string MonitorId = "no-redeploy-for-settings";

    public override string? Check() => cluster.SettingRedeploys == 0
        ? null
        : $"Changing {cluster.RedeployReason} rebuilt the app and took it down to redeploy it ({cluster.SettingRedeploys} time(s)).";
}
