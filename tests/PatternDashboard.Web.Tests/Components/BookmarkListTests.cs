using Bunit;
using PatternDashboard.Web.Components.Classroom;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>Bookmarks beside the scrubber: name a moment, jump back to it, remove it; watch-only viewers only read them.</summary>
public sealed class BookmarkListTests : DashboardTestContext
{
    private IRenderedComponent<BookmarkList> RenderList(FakeSimulationSession session, bool canControl = true) =>
        Render<BookmarkList>(p => p.Add(x => x.Session, session).Add(x => x.State, session.Current).Add(x => x.CanControl, canControl));

    [Fact]
    public async Task Named_ThenListedWithItsTime_JumpedTo_AndRemoved()
    {
        var session = AddSession(State(Snapshot(time: 12.5)));
        var cut = RenderList(session);
        Assert.Equal("No bookmarks yet.", cut.Find(".bookmark-none").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find(".bookmark-add input").Input("Leader crashed"));
        await cut.InvokeAsync(() => cut.Find("form.bookmark-add").Submit());

        var item = cut.Find("[data-bookmark]");
        Assert.Equal("12.500 s", item.QuerySelector(".bookmark-time")!.TextContent);
        Assert.Equal("Leader crashed", item.QuerySelector(".bookmark-title")!.TextContent);
        Assert.Equal("", cut.Find(".bookmark-add input").GetAttribute("value") ?? "");

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Jump to Leader crashed at 12.500 s']").Click());
        Assert.Equal([TimeSpan.FromSeconds(12.5)], session.Travels);

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Remove bookmark Leader crashed']").Click());
        Assert.Empty(session.BookmarkList);
        Assert.Empty(cut.FindAll("[data-bookmark]"));
    }

    [Fact]
    public async Task WithoutAName_TheMomentIsNamedByItsTime()
    {
        var session = AddSession(State(Snapshot(time: 3)));
        var cut = RenderList(session);

        await cut.InvokeAsync(() => cut.Find("form.bookmark-add").Submit());

        Assert.Equal("Moment at 3 s", Assert.Single(session.BookmarkList).Name);
    }

    [Fact]
    public void WatchOnly_SeesTheBookmarks_WithoutWaysToChangeThemOrJump()
    {
        var session = AddSession(State(Snapshot(time: 8)));
        session.BookmarkList.Add(new Bookmark("b1", 4, "Split"));
        var cut = RenderList(session, canControl: false);

        Assert.Equal("Split", cut.Find(".bookmark-title").TextContent);
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public async Task ARefusal_IsShownInTheServersWords()
    {
        var session = AddSession(State(Snapshot(time: 3)));
        session.NextError = new PatternDashboard.Simulation.Kernel.SimulationInputException("A run keeps at most 100 bookmarks; remove one first.");
        var cut = RenderList(session);

        await cut.InvokeAsync(() => cut.Find("form.bookmark-add").Submit());

        Assert.Contains("at most 100 bookmarks", cut.Find("[role=alert]").TextContent);
    }
}
