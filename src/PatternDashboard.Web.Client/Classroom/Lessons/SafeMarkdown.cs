using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>
/// The small part of Markdown a lesson needs: paragraphs, "- " lists, "#" headings, **bold**, *italic*, `code` and
/// [links](https://...). Every character of the source is HTML-encoded first, so HTML in a lesson shows as text and
/// nothing a lesson says can run in the page; only the tags made here are markup.
/// </summary>
public static partial class SafeMarkdown
{
    public static MarkupString Render(string? markdown) => new(ToHtml(markdown ?? ""));

    public static string ToHtml(string markdown)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        bool inList = false;
        void FlushParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>");
                paragraph.Clear();
            }
        }
        void CloseList()
        {
            if (inList)
            {
                html.Append("</ul>");
                inList = false;
            }
        }
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0)
            {
                FlushParagraph();
                CloseList();
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                FlushParagraph();
                if (!inList)
                {
                    html.Append("<ul>");
                    inList = true;
                }
                html.Append("<li>").Append(Inline(line[2..])).Append("</li>");
            }
            else if (Heading().Match(line) is { Success: true } heading)
            {
                FlushParagraph();
                CloseList();
                // Lesson headings sit under the panel's own heading levels.
                int level = Math.Min(6, heading.Groups[1].Length + 3);
                html.Append($"<h{level}>").Append(Inline(heading.Groups[2].Value)).Append($"</h{level}>");
            }
            else
            {
                CloseList();
                paragraph.Add(line);
            }
        }
        FlushParagraph();
        CloseList();
        return html.ToString();
    }

    private static string Inline(string text)
    {
        string encoded = WebUtility.HtmlEncode(text);
        encoded = Code().Replace(encoded, "<code>$1</code>");
        encoded = Bold().Replace(encoded, "<strong>$1</strong>");
        encoded = Italic().Replace(encoded, "<em>$1</em>");
        // Only web links; the address is already encoded, so it cannot close the attribute.
        return Link().Replace(encoded, "<a href=\"$2\" target=\"_blank\" rel=\"noopener noreferrer\">$1</a>");
    }

    [GeneratedRegex(@"^(#{1,3})\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^\s\)""]+)\)")]
    private static partial Regex Link();
}
