using System.Globalization;
using System.Text.Json;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>Evaluates checkpoint conditions on a snapshot: metrics, detail values, invariants, nodes and time.</summary>
public static class LessonConditions
{
    public static readonly string[] NumberOps = ["<", "<=", ">", ">=", "==", "!="];

    public static readonly string[] DetailOps = [.. NumberOps, "exists", "missing", "changed"];

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>The run as a step begins, before its action: what the step's conditions compare against.</summary>
    public static LessonBaseline BaselineOf(SimulationSnapshot snapshot) => new(snapshot.SimulatedTime, DetailsOf(snapshot));

    /// <summary>True when every condition of the checkpoint holds on <paramref name="snapshot"/>.</summary>
    public static bool IsReached(LessonCheckpoint checkpoint, SimulationSnapshot snapshot, LessonBaseline baseline)
    {
        var details = DetailsOf(snapshot);
        return checkpoint.All.All(c => Holds(c, snapshot, details, baseline));
    }

    /// <summary>The pattern's details as JSON, named as the hub sends them (camelCase).</summary>
    public static JsonElement DetailsOf(SimulationSnapshot snapshot) =>
        snapshot.Details is { } details
            ? JsonSerializer.SerializeToElement(details, details.GetType(), DetailsJson)
            : JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>The value at a dotted path ("leaderId", "timeline.0.term"), or null when the path leads nowhere.</summary>
    public static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int i)
                     && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>A detail value as the target of a fault: a string, or null when there is none.</summary>
    public static string? TextAt(JsonElement details, string path) =>
        Find(details, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static bool Holds(LessonCondition c, SimulationSnapshot snapshot, JsonElement details, LessonBaseline baseline)
    {
        if (c.Metric is { } metric)
        {
            return snapshot.Metrics.TryGetValue(metric, out double value) && Compare(value, c.Op!, c.Value!.Value);
        }
        if (c.Invariant is { } invariant)
        {
            var view = snapshot.Invariants.FirstOrDefault(i => i.Id == invariant);
            return view is not null && view.Holds == c.Holds;
        }
        if (c.Node is { } nodeId)
        {
            var node = snapshot.Nodes.FirstOrDefault(n => n.Id == nodeId);
            return node is not null && (c.State is null || node.State == c.State) && (c.Up is null || node.Up == c.Up);
        }
        if (c.Elapsed is { } elapsed)
        {
            return snapshot.SimulatedTime - baseline.Time >= elapsed;
        }
        return DetailHolds(c, details, baseline);
    }

    private static bool DetailHolds(LessonCondition c, JsonElement details, LessonBaseline baseline)
    {
        var value = Find(details, c.Detail!);
        bool present = value is { ValueKind: not JsonValueKind.Null };
        if (c.Is is { } expected)
        {
            return present && JsonElement.DeepEquals(value!.Value, expected);
        }
        switch (c.Op)
        {
            case "exists":
                return present;
            case "missing":
                return !present;
            case "changed":
                var before = Find(baseline.Details, c.Detail!);
                return present && (before is not { } old || !JsonElement.DeepEquals(old, value!.Value));
            default:
                return present && value!.Value.ValueKind == JsonValueKind.Number && Compare(value.Value.GetDouble(), c.Op!, c.Value!.Value);
        }
    }

    private static bool Compare(double actual, string op, double expected) => op switch
    {
        "<" => actual < expected,
        "<=" => actual <= expected,
        ">" => actual > expected,
        ">=" => actual >= expected,
        "==" => actual == expected,
        "!=" => actual != expected,
        _ => false,
    };
}
