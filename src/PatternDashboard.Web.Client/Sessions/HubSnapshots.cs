using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// Turns the hub's snapshots back into the states pages draw. Node properties arrive as JSON and become plain values
/// (text, whole or fractional numbers, true or false); details stay JSON until a page reads them as its pattern's type.
/// Charts keep their own bounded series: the history fetched once, then each snapshot's metric values appended.
/// </summary>
public sealed class HubSnapshots
{
    private readonly Dictionary<string, MetricSeries> series = [];
    private int generation = -1;
    private double lastTime = -1;

    /// <summary>For each node fault, the nodes it may aim at (from the fault list).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FaultTargets { get; set; }

    /// <summary>True when <paramref name="info"/> cannot continue the series held (a reset or a jump back), so the history must be fetched again.</summary>
    public bool NeedsHistory(SnapshotInfo info) => info.Generation != generation || info.SimulatedTime < lastTime;

    /// <summary>Starts the series again from the server's history at <paramref name="info"/>.</summary>
    public void SetHistory(SnapshotInfo info, IReadOnlyList<SeriesView> history)
    {
        series.Clear();
        foreach (var view in history)
        {
            var kept = new MetricSeries(view.Name, view.Unit);
            foreach (var point in view.Points)
            {
                kept.Add(TimeSpan.FromSeconds(point.Time), point.Value);
            }
            series[view.Name] = kept;
        }
        generation = info.Generation;
        lastTime = info.SimulatedTime;
    }

    public SessionState ToState(SnapshotInfo info)
    {
        if (info.SimulatedTime > lastTime)
        {
            foreach (var (name, value) in info.Metrics)
            {
                if (series.TryGetValue(name, out var kept) && double.IsFinite(value))
                {
                    kept.Add(TimeSpan.FromSeconds(info.SimulatedTime), value);
                }
            }
            lastTime = info.SimulatedTime;
        }
        var snapshot = new SimulationSnapshot(
            info.PatternId,
            info.Seed,
            info.SimulatedTime,
            info.EventCount,
            [.. info.Nodes.Select(n => new NodeView(n.Id, n.Label, n.State, n.Up, n.Lifecycle, Plain(n.Properties)))],
            info.Links,
            [.. info.Messages.Select(m => new MessageView(m.Id, m.From, m.To, m.Kind, m.Progress, m.SentAt, m.ArrivesAt))],
            info.ActiveFaults,
            info.Invariants,
            info.Metrics,
            [.. series.Values.Select(s => new SeriesView(s.Name, s.Unit, s.ToArray()))],
            info.Details)
        {
            FaultTargets = FaultTargets,
        };
        return new SessionState(info.SessionId, snapshot, StatusOf(info.Status), info.Speed, info.FastForward, info.LastEventSequence, info.Generation)
        {
            PublishedAt = DateTimeOffset.FromUnixTimeMilliseconds(info.PublishedAtMs),
        };
    }

    /// <summary>A pattern's details as its own type, from the JSON the hub sent (or as they are, on the server).</summary>
    public static T? DetailsAs<T>(object? details) where T : class => details switch
    {
        T typed => typed,
        JsonElement { ValueKind: JsonValueKind.Object } json => json.Deserialize<T>(HubJson.Options),
        _ => null,
    };

    public static SessionStatus StatusOf(string status) => status switch
    {
        "running" => SessionStatus.Running,
        "fast-forwarding" => SessionStatus.FastForwarding,
        _ => SessionStatus.Paused,
    };

    private static Dictionary<string, object?> Plain(IReadOnlyDictionary<string, object?> properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value is JsonElement json ? Plain(json) : p.Value);

    private static object? Plain(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out long whole) ? whole : json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => json.Clone(),
    };
}
