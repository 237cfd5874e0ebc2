using System.Globalization;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>How numbers and values read on screen and in SVG attributes (always invariant culture).</summary>
public static class UiFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A number for an SVG attribute: invariant culture, two decimals at most.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString(Invariant);

    /// <summary>Simulated seconds for a reader: "12.345 s".</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.000", Invariant) + " s";

    /// <summary>Simulated seconds for a compact axis or cell: "12.3 s".</summary>
    public static string ShortSeconds(double seconds) => seconds.ToString("0.#", Invariant) + " s";

    /// <summary>A speed factor: "0.25x", "1x", "100x".</summary>
    public static string Speed(double speed) => speed.ToString("0.##", Invariant) + "x";

    public static string Number(double value) => value.ToString("0.##", Invariant);

    /// <summary>A node property value: numbers rounded, null as a dash.</summary>
    public static string Value(object? value) => value switch
    {
        null => "—",
        double d => Number(d),
        float f => Number(f),
        bool b => b ? "yes" : "no",
        IFormattable formattable => formattable.ToString(null, Invariant),
        _ => value.ToString() ?? "—",
    };

    public static string Status(SessionStatus status) => status switch
    {
        SessionStatus.Running => "Running",
        SessionStatus.FastForwarding => "Fast-forwarding",
        _ => "Paused",
    };
}
