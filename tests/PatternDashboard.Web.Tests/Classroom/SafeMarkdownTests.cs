using PatternDashboard.Web.Classroom.Lessons;

namespace PatternDashboard.Web.Tests.Classroom;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void ToHtml_Formatting_BecomesTheMatchingTags()
    {
        string html = SafeMarkdown.ToHtml("# Title\nA **bold** and *soft* `code` [link](https://example.org/a).\n\n- one\n- two");

        Assert.Equal(
            "<h4>Title</h4><p>A <strong>bold</strong> and <em>soft</em> <code>code</code> " +
            "<a href=\"https://example.org/a\" target=\"_blank\" rel=\"noopener noreferrer\">link</a>.</p><ul><li>one</li><li>two</li></ul>",
            html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("[click](javascript:alert(1))", "[click](javascript:alert(1))")]
    public void ToHtml_HtmlAndScriptLinks_StayText(string markdown, string expectedInside)
    {
        string html = SafeMarkdown.ToHtml(markdown);

        Assert.Equal($"<p>{expectedInside}</p>", html);
    }

    [Fact]
    public void ToHtml_QuoteInALinkAddress_StaysInsideTheAttribute()
    {
        string html = SafeMarkdown.ToHtml("[x](https://a.org/\"onmouseover=\"alert(1))");

        // Only the quotes of href, target and rel: the address cannot close its attribute and add another.
        Assert.Equal(6, html.Count(c => c == '"'));
        Assert.StartsWith("<p><a href=\"https://a.org/&quot;onmouseover=&quot;alert(1\"", html);
    }
}
