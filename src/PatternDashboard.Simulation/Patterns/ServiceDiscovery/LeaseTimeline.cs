using PatternDashboard.Simulation.Patterns.Shared.Registry;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>What happened to each instance's lease and to the caches that list it, newest kept: the lanes of the lease timeline.</summary>
public sealed class LeaseTimeline
{
    /// <summary>Events kept per instance; older ones are dropped so a long session stays small.</summary>
    public const int MaxEventsPerInstance = 200;

    /// <summary>How far back a page's timeline looks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Queue<LeaseEvent>> lanes = new(StringComparer.Ordinal);

    public void Add(LeaseEvent leaseEvent)
    {
        if (!lanes.TryGetValue(leaseEvent.InstanceId, out var lane))
        {
            lanes[leaseEvent.InstanceId] = lane = new Queue<LeaseEvent>();
        }
        lane.Enqueue(leaseEvent);
        if (lane.Count > MaxEventsPerInstance)
        {
            lane.Dequeue();
        }
    }

    /// <summary>One instance's events from <paramref name="since"/> on, oldest first.</summary>
    public IReadOnlyList<LeaseEvent> Since(string instanceId, double since) =>
        lanes.TryGetValue(instanceId, out var lane) ? [.. lane.Where(e => e.Time >= since)] : [];

    /// <summary>The latest event of a kind for an instance, or null.</summary>
    public LeaseEvent? Last(string instanceId, string kind) =>
        lanes.TryGetValue(instanceId, out var lane) ? lane.LastOrDefault(e => e.Kind == kind) : null;
}
