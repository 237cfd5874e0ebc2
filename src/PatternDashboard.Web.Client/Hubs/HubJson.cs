using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatternDashboard.Web.Hubs;

/// <summary>The hub's JSON settings, the same on the server and in the browser's pages.</summary>
public static class HubJson
{
    /// <summary>camelCase names, enums as kebab-case words, and NaN allowed (a metric may be NaN before its first sample).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }

    /// <summary>A fresh set of the hub's settings, for reading what the hub sent (details, for one).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
