using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>How clients find an instance: by asking the registry themselves, or through the load balancer.</summary>
public enum DiscoveryMode
{
    ClientSide,
    ServerSide,
}

/// <summary>The options of a service-discovery cluster as typed values, checked against each other.</summary>
public sealed record ServiceDiscoverySettings(
    int Instances,
    int Clients,
    TimeSpan Lease,
    TimeSpan Heartbeat,
    TimeSpan CacheRefresh,
    double CallsPerSecond,
    TimeSpan CallTimeout,
    double RenewalThreshold,
    TimeSpan NetworkDelay)
{
    /// <summary>A client waits this long for the load balancer, which itself waits <see cref="CallTimeout"/> for the instance.</summary>
    public TimeSpan BalancedCallTimeout => 2 * CallTimeout + 4 * NetworkDelay;

    public static ServiceDiscoverySettings From(IReadOnlyDictionary<string, double> options)
    {
        var settings = new ServiceDiscoverySettings(
            (int)options[Option.Instances],
            (int)options[Option.Clients],
            TimeSpan.FromSeconds(options[Option.LeaseSeconds]),
            TimeSpan.FromSeconds(options[Option.HeartbeatSeconds]),
            TimeSpan.FromSeconds(options[Option.CacheRefreshSeconds]),
            options[Option.CallsPerSecond],
            TimeSpan.FromMilliseconds(options[Option.CallTimeoutMs]),
            options[Option.RenewalThresholdPercent] / 100,
            TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));
        if (settings.Heartbeat >= settings.Lease)
        {
            throw new SimulationInputException(
                $"The heartbeat ({options[Option.HeartbeatSeconds]} s) must be shorter than the lease ({options[Option.LeaseSeconds]} s), or live instances lose their registration between two heartbeats.");
        }
        return settings;
    }
}

/// <summary>Words for a mode, as details and node states show it.</summary>
public static class DiscoveryModes
{
    public static string Word(DiscoveryMode mode) => mode == DiscoveryMode.ClientSide ? ServiceDiscoveryPattern.Mode.ClientSide : ServiceDiscoveryPattern.Mode.ServerSide;
}
