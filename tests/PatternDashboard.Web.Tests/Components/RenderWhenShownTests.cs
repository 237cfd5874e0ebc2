using Bunit;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Tests.Components;

public sealed class RenderWhenShownTests : BunitContext
{
    private static RenderFragment Text(string text) => b => b.AddMarkupContent(0, $"<p>{text}</p>");

    private IRenderedComponent<RenderWhenShown> Gate(bool shown, string text) =>
        Render<RenderWhenShown>(p => p.Add(x => x.Shown, shown).Add(x => x.ChildContent, Text(text)));

    [Fact]
    public void Hidden_UpdatesAreHeldBack_AndShownAgainCatchesUp()
    {
        var cut = Gate(shown: false, "t = 1");

        cut.Render(p => p.Add(x => x.Shown, false).Add(x => x.ChildContent, Text("t = 2")));
        Assert.Equal("t = 1", cut.Find("p").TextContent);

        cut.Render(p => p.Add(x => x.Shown, true).Add(x => x.ChildContent, Text("t = 3")));
        Assert.Equal("t = 3", cut.Find("p").TextContent);
    }

    [Fact]
    public void Shown_EveryUpdateRenders_AndHidingRendersOnceMore()
    {
        var cut = Gate(shown: true, "t = 1");

        cut.Render(p => p.Add(x => x.Shown, true).Add(x => x.ChildContent, Text("t = 2")));
        Assert.Equal("t = 2", cut.Find("p").TextContent);

        cut.Render(p => p.Add(x => x.Shown, false).Add(x => x.ChildContent, Text("t = 3")));
        Assert.Equal("t = 3", cut.Find("p").TextContent);
        cut.Render(p => p.Add(x => x.Shown, false).Add(x => x.ChildContent, Text("t = 4")));
        Assert.Equal("t = 3", cut.Find("p").TextContent);
    }

    [Fact]
    public async Task Redraws_ShownContentDrawsEachUpdateItsParentDidNotRender_HiddenContentWaits()
    {
        var redraws = new PageRedraws();
        string now = "t = 1";
        RenderFragment live = b => b.AddMarkupContent(0, $"<p>{now}</p>");
        var cut = Render<RenderWhenShown>(p => p.Add(x => x.Shown, true).Add(x => x.ChildContent, live).Add(x => x.Redraws, redraws));

        now = "t = 2";
        await cut.InvokeAsync(redraws.Announce);
        Assert.Equal("t = 2", cut.Find("p").TextContent);

        cut.Render(p => p.Add(x => x.Shown, false).Add(x => x.ChildContent, live).Add(x => x.Redraws, redraws));
        now = "t = 3";
        await cut.InvokeAsync(redraws.Announce);
        Assert.Equal("t = 2", cut.Find("p").TextContent);
    }

    [Fact]
    public async Task Disposed_HearsNoMoreUpdates()
    {
        var redraws = new PageRedraws();
        int draws = 0;
        RenderFragment counted = b => b.AddMarkupContent(0, $"<p>{++draws}</p>");
        var cut = Render<RenderWhenShown>(p => p.Add(x => x.ChildContent, counted).Add(x => x.Redraws, redraws));

        cut.Instance.Dispose();
        await cut.InvokeAsync(redraws.Announce);

        Assert.Equal(1, draws);
    }
}
