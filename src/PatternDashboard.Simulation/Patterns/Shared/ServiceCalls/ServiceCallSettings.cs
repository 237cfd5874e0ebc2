namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>How a downstream service behaves when nothing is wrong with it.</summary>
/// <param name="Slots">Requests it works on at once.</param>
/// <param name="QueueLimit">Requests that may wait for a slot; beyond that it answers "overloaded" at once.</param>
/// <param name="BaseLatency">Least time a request takes.</param>
/// <param name="LatencyTail">Mean of the exponential tail added to <paramref name="BaseLatency"/>, which gives the long p99.</param>
public sealed record ServiceProfile(int Slots, int QueueLimit, TimeSpan BaseLatency, TimeSpan LatencyTail)
{
    public static ServiceProfile Default { get; } = new(20, 50, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30));
}

/// <summary>The caller's limits: concurrent calls, and how long a request may wait for one of them.</summary>
/// <param name="Slots">Calls in progress at once (a worker or connection pool).</param>
/// <param name="MaxWait">How long a request waits for a free slot before it fails.</param>
/// <param name="QueueLimit">Requests that may wait at all; later ones fail at once.</param>
public sealed record CallerLimits(int Slots, TimeSpan MaxWait, int QueueLimit = 500);
