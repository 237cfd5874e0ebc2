using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatternDashboard.Web.Hubs;

/// <summary>
/// Writes each <see cref="SnapshotInfo"/> as JSON once and copies those bytes to every connection that sends it,
/// so a state streamed to hundreds of viewers is serialized once per publish instead of once per viewer.
/// The JSON is exactly what the hub's settings would write without this converter.
/// </summary>
public sealed class SnapshotInfoJsonConverter : JsonConverter<SnapshotInfo>
{
    private static readonly ConditionalWeakTable<SnapshotInfo, byte[]> Written = new();
    private JsonSerializerOptions? inner;

    public override SnapshotInfo? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<SnapshotInfo>(ref reader, Inner(options));

    public override void Write(Utf8JsonWriter writer, SnapshotInfo value, JsonSerializerOptions options)
    {
        if (!Written.TryGetValue(value, out var json))
        {
            json = JsonSerializer.SerializeToUtf8Bytes(value, Inner(options));
            // Two connections may race to write the same state; either result is the same bytes.
            json = Written.GetValue(value, _ => json);
        }
        writer.WriteRawValue(json, skipInputValidation: true);
    }

    /// <summary>The hub's settings without this converter, so the real serialization does not come back here.</summary>
    private JsonSerializerOptions Inner(JsonSerializerOptions outer)
    {
        if (inner is { } made)
        {
            return made;
        }
        var copy = new JsonSerializerOptions(outer);
        copy.Converters.Remove(this);
        return inner = copy;
    }
}
