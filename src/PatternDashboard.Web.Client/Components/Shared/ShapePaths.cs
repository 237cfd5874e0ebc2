using System.Collections.Concurrent;
using System.Text;
using static PatternDashboard.Web.Components.Shared.UiFormat;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>Node and message shapes as SVG path data centred on (0, 0), so a role reads by shape, not colour alone.</summary>
public static class ShapePaths
{
    public const string Circle = "circle";
    public const string DoubleCircle = "double-circle";
    public const string Diamond = "diamond";
    public const string Star = "star";
    public const string Square = "square";
    public const string Triangle = "triangle";
    public const string Hexagon = "hexagon";

    /// <summary>Shapes handed out in turn to message kinds the page did not style.</summary>
    public static IReadOnlyList<string> Cycle { get; } = [Circle, Square, Diamond, Triangle, Hexagon, Star];

    // Every live view draws the same few shapes at the same few sizes, with each update: built once, not per draw.
    private static readonly ConcurrentDictionary<(string Shape, double R), string> Built = new();

    /// <summary>Path data of <paramref name="shape"/> with radius about <paramref name="r"/>; unknown names draw a circle.</summary>
    public static string For(string? shape, double r) =>
        Built.GetOrAdd((Cycle.Contains(shape) || shape == DoubleCircle ? shape! : Circle, r), key => Build(key.Shape, key.R));

    private static string Build(string shape, double r) => shape switch
    {
        DoubleCircle => CirclePath(r) + " " + CirclePath(r * 0.72),
        Diamond => Polygon(4, r * 1.2, -90),
        Square => Polygon(4, r * 1.1, -45),
        Triangle => Polygon(3, r * 1.3, -90),
        Hexagon => Polygon(6, r * 1.05, 0),
        Star => StarPath(r * 1.35, r * 0.72),
        _ => CirclePath(r),
    };

    private static string CirclePath(double r) =>
        $"M {Svg(-r)},0 a {Svg(r)},{Svg(r)} 0 1,0 {Svg(2 * r)},0 a {Svg(r)},{Svg(r)} 0 1,0 {Svg(-2 * r)},0 Z";

    private static string Polygon(int corners, double r, double startDegrees)
    {
        var path = new StringBuilder();
        for (int i = 0; i < corners; i++)
        {
            double angle = (startDegrees + 360.0 * i / corners) * Math.PI / 180;
            path.Append(i == 0 ? "M " : " L ").Append(Svg(r * Math.Cos(angle))).Append(',').Append(Svg(r * Math.Sin(angle)));
        }
        return path.Append(" Z").ToString();
    }

    private static string StarPath(double outer, double inner)
    {
        var path = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            double r = i % 2 == 0 ? outer : inner;
            double angle = (-90 + 36.0 * i) * Math.PI / 180;
            path.Append(i == 0 ? "M " : " L ").Append(Svg(r * Math.Cos(angle))).Append(',').Append(Svg(r * Math.Sin(angle)));
        }
        return path.Append(" Z").ToString();
    }
}

/// <summary>A legend entry: a shape and what it means ("star" = "leader").</summary>
public sealed record ShapeLegendItem(string Shape, string Label);

/// <summary>How a message kind is drawn in flight: its shape and its name in the legend.</summary>
public sealed record MessageKindStyle(string Kind, string Label, string Shape);
