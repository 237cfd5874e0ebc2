using Bunit;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Tests.Components;

public sealed class RenderWhenChangedTests : BunitContext
{
    private static RenderFragment Text(string text) => b => b.AddMarkupContent(0, $"<p>{text}</p>");

    [Fact]
    public void SameKey_TheParentsUpdateIsSkipped_ANewKeyRenders()
    {
        var cut = Render<RenderWhenChanged>(p => p.Add(x => x.Key, (1, true)).Add(x => x.ChildContent, Text("tab 1")));

        cut.Render(p => p.Add(x => x.Key, (1, true)).Add(x => x.ChildContent, Text("tab 1, again")));
        Assert.Equal("tab 1", cut.Find("p").TextContent);

        cut.Render(p => p.Add(x => x.Key, (2, true)).Add(x => x.ChildContent, Text("tab 2")));
        Assert.Equal("tab 2", cut.Find("p").TextContent);
    }
}
