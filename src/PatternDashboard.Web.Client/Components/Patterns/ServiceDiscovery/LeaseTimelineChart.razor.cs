using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.ServiceDiscovery;

/// <summary>
/// One lane per instance over the last minute: heartbeats as ticks, lease events and cache changes as letters, and
/// hatched the stretch in which clients still called it while it was dead. A list under it says the same in words.
/// </summary>
public partial class LeaseTimelineChart
{
    internal const double ViewWidth = 1000;
    private const double LaneHeight = 40;
    private const double AxisHeight = 28;
    private const double Left = 40;
    private const double Right = 12;

    /// <summary>The pattern's details; null before the first snapshot. Default: null.</summary>
    [Parameter] public ServiceDiscoveryDetails? Details { get; set; }

    /// <summary>The current simulated time, the right edge. Default: 0.</summary>
    [Parameter] public double Now { get; set; }

    private IReadOnlyList<InstanceView> Lanes => Details?.Instances ?? [];

    private double Start => Details?.TimelineFrom ?? 0;

    private double End => Math.Max(Now, Start + 1);

    private double ViewHeight => Math.Max(1, Lanes.Count) * LaneHeight + AxisHeight;

    private static readonly (string Kind, string Text)[] LegendEntries =
    [
        (LeaseEventKind.Registered, "registered"),
        (LeaseEventKind.Missed, "heartbeat missed"),
        (LeaseEventKind.Died, "died"),
        (LeaseEventKind.Expired, "lease expired"),
        (LeaseEventKind.Evicted, "evicted"),
        (LeaseEventKind.Kept, "kept listed"),
        (LeaseEventKind.Deregistered, "deregistered"),
        (LeaseEventKind.CacheDropped, "a cache dropped it"),
        (LeaseEventKind.CacheAdded, "a cache found it"),
    ];

    private TimeAxis Axis => new(Start, End, Left, ViewWidth - Right);

    private double X(double time) => Axis.X(time);

    private static double Y(int lane) => lane * LaneHeight;

    // Cache changes sit under the lane's axis, lease events on it, so a crowded moment stays readable.
    private static double MarkY(LeaseEvent mark, double laneTop) =>
        mark.Kind is LeaseEventKind.CacheAdded or LeaseEventKind.CacheDropped ? laneTop + LaneHeight - 2 : laneTop + LaneHeight / 2 + 6;

    internal static string Glyph(string kind) => kind switch
    {
        LeaseEventKind.Registered => "R",
        LeaseEventKind.Missed => "×",
        LeaseEventKind.Died => "✝",
        LeaseEventKind.Restarted => "↻",
        LeaseEventKind.Expired => "E",
        LeaseEventKind.Evicted => "V",
        LeaseEventKind.Kept => "K",
        LeaseEventKind.Deregistered => "D",
        LeaseEventKind.CacheDropped => "▼",
        LeaseEventKind.CacheAdded => "▲",
        _ => "•",
    };

    private static string Describe(LeaseEvent mark) => mark.Kind switch
    {
        LeaseEventKind.CacheDropped => $"{mark.By}'s cache dropped {mark.InstanceId} at {UiFormat.Seconds(mark.Time)}",
        LeaseEventKind.CacheAdded => $"{mark.By}'s cache found {mark.InstanceId} at {UiFormat.Seconds(mark.Time)}",
        _ => $"{mark.InstanceId} {mark.Kind} at {UiFormat.Seconds(mark.Time)}",
    };

    /// <summary>Each dead instance in words: when it died, when the registry let it go, and how long it was still called.</summary>
    private IReadOnlyList<(string Id, string Text)> Stories =>
        [.. Lanes.Where(i => i.DiedAt is not null || i.DeadCallWindows.Count > 0).Select(i => (i.Id, StoryOf(i)))];

    private static string StoryOf(InstanceView instance)
    {
        var parts = new List<string>();
        if (instance.DiedAt is { } died)
        {
            parts.Add($"{(instance.Process == "scaled in" ? "stopped" : "died")} at {UiFormat.ShortSeconds(died)}");
        }
        foreach (var kind in new[] { LeaseEventKind.Expired, LeaseEventKind.Evicted, LeaseEventKind.Kept, LeaseEventKind.Deregistered })
        {
            if (instance.Events.LastOrDefault(e => e.Kind == kind) is { } e && (instance.DiedAt is not { } d || e.Time >= d))
            {
                parts.Add($"{kind} at {UiFormat.ShortSeconds(e.Time)}");
            }
        }
        if (instance.DeadCallWindows.LastOrDefault() is { } window)
        {
            parts.Add($"called while dead until {UiFormat.ShortSeconds(window.LastCall)} ({UiFormat.ShortSeconds(window.LastCall - window.DiedAt)} after its death)");
        }
        else if (instance.DiedAt is not null)
        {
            parts.Add("not called since");
        }
        return $"{instance.Id}: {string.Join(", ", parts)}{(instance.CachedBy.Count > 0 && instance.DiedAt is not null ? $"; still listed by {string.Join(", ", instance.CachedBy)}" : "")}.";
    }

    private IEnumerable<double> Ticks() => Axis.Ticks(6);

    private string Summary
    {
        get
        {
            int dead = Lanes.Count(i => i.DiedAt is not null);
            int called = Lanes.Count(i => i.DeadCallWindows.Count > 0);
            return $"Lease timeline from {UiFormat.ShortSeconds(Start)} to {UiFormat.ShortSeconds(End)} for {Lanes.Count} instances; " +
                   $"{dead} dead, {called} of them called while dead in this window.";
        }
    }
}
