using System.Net;
using System.Text;
using static PatternDashboard.Web.Components.Shared.UiFormat;

namespace PatternDashboard.Web.Components.Shared.Sequence;

/// <summary>The diagram on screen as a standalone SVG file: same layout, plain colours, every message's text in a title.</summary>
public static class SequenceSvgExport
{
    public static string Render(SequenceLayout layout, string title)
    {
        var d = layout.Diagram;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Svg(SequenceLayout.Width)} {Svg(layout.Height)}\" ")
            .Append($"width=\"{Svg(SequenceLayout.Width)}\" height=\"{Svg(layout.Height)}\" font-family=\"sans-serif\" font-size=\"12\">\n")
            .Append($"<title>{Text(title)}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
            .Append("<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f2937\"/></marker></defs>\n");
        foreach (double t in layout.Time.Ticks(8))
        {
            double y = layout.Y(t);
            svg.Append($"<line x1=\"{Svg(SequenceLayout.Left - 8)}\" y1=\"{Svg(y)}\" x2=\"{Svg(SequenceLayout.Width)}\" y2=\"{Svg(y)}\" stroke=\"#e5e7eb\"/>")
                .Append($"<text x=\"{Svg(SequenceLayout.Left - 12)}\" y=\"{Svg(y + 4)}\" text-anchor=\"end\">{ShortSeconds(t)}</text>\n");
        }
        foreach (var fault in d.Faults)
        {
            double y1 = layout.Y(fault.From), y2 = layout.Y(fault.To ?? d.To);
            svg.Append($"<rect x=\"4\" y=\"{Svg(y1)}\" width=\"6\" height=\"{Svg(Math.Max(2, y2 - y1))}\" fill=\"#b91c1c\"/>")
                .Append($"<text x=\"14\" y=\"{Svg(y1 + 10)}\" fill=\"#b91c1c\">{Text(FaultLabel(fault))}</text>\n");
        }
        foreach (var lane in d.Lanes)
        {
            double x = layout.LaneX(lane.Id);
            svg.Append($"<text x=\"{Svg(x)}\" y=\"{Svg(SequenceLayout.Top - 16)}\" text-anchor=\"middle\" font-weight=\"bold\">{Text(lane.Label)}</text>")
                .Append($"<line x1=\"{Svg(x)}\" y1=\"{Svg(SequenceLayout.Top)}\" x2=\"{Svg(x)}\" y2=\"{Svg(layout.Height - 24)}\" stroke=\"#6b7280\"/>\n");
        }
        foreach (var span in d.Spans)
        {
            double x = layout.LaneX(span.Node), y1 = layout.Y(span.From), y2 = layout.Y(span.To);
            svg.Append($"<rect x=\"{Svg(x - 6)}\" y=\"{Svg(y1)}\" width=\"12\" height=\"{Svg(Math.Max(2, y2 - y1))}\" fill=\"#9ca3af\" opacity=\"0.6\"/>")
                .Append($"<text x=\"{Svg(x + 9)}\" y=\"{Svg(y1 + 12)}\">{Text(span.State)}</text>\n");
        }
        foreach (var arrow in d.Arrows)
        {
            var (x1, y1, x2, y2) = layout.Line(arrow);
            bool cross = SequenceLayout.EndsInCross(arrow);
            svg.Append($"<g><title>{Text(SequenceLayout.Describe(arrow))}: {Text(arrow.Contents)}</title>")
                .Append($"<line x1=\"{Svg(x1)}\" y1=\"{Svg(y1)}\" x2=\"{Svg(x2)}\" y2=\"{Svg(y2)}\" stroke=\"#1f2937\"")
                .Append(arrow.Duplicate || arrow.Fate == Simulation.Kernel.Sequence.SequenceArrow.InFlight ? " stroke-dasharray=\"4 3\"" : "")
                .Append(cross ? "/>" : " marker-end=\"url(#head)\"/>");
            if (cross)
            {
                svg.Append($"<text x=\"{Svg(x2)}\" y=\"{Svg(y2 + 4)}\" text-anchor=\"middle\" font-weight=\"bold\">×</text>");
            }
            svg.Append("</g>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    public static string FaultLabel(Simulation.Kernel.Sequence.FaultSpan fault) =>
        fault.Target is { } target ? $"{fault.Label} ({target})" : fault.Label;

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
