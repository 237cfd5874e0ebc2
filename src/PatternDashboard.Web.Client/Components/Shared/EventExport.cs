using System.Globalization;
using System.Text;
using System.Text.Json;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>An event log as a file: JSON Lines (one object a line) or CSV (RFC 4180 quoting).</summary>
public static class EventExport
{
    public static string ToJsonLines(IEnumerable<SimulationEvent> events)
    {
        var text = new StringBuilder();
        foreach (var entry in events)
        {
            text.Append(JsonSerializer.Serialize(new
            {
                sequence = entry.Sequence,
                time = entry.TimeSeconds,
                node = entry.Node,
                kind = entry.Kind,
                text = entry.Text,
            })).Append('\n');
        }
        return text.ToString();
    }

    public static string ToCsv(IEnumerable<SimulationEvent> events)
    {
        var text = new StringBuilder("sequence,time,node,kind,text\n");
        foreach (var entry in events)
        {
            text.Append(entry.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(entry.TimeSeconds.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(entry.Node)).Append(',')
                .Append(Quote(entry.Kind)).Append(',')
                .Append(Quote(entry.Text)).Append('\n');
        }
        return text.ToString();
    }

    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
