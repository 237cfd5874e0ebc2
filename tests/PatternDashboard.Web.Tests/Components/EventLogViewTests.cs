using Bunit;
using MudBlazor;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class EventLogViewTests : DashboardTestContext
{
    private static readonly IReadOnlyList<SimulationEvent> Events =
    [
        Event(1, 0.1, "n1", "election", "Node 1 stands for election in term 1"),
        Event(2, 0.2, "n2", "vote", "Node 2 votes for Node 1 in term 1"),
        Event(3, 0.3, "n1", "leader", "Node 1 becomes leader of term 1"),
        Event(4, 0.4, null, "fault", "Injected: Crash leader, \"now\""),
    ];

    private IRenderedComponent<EventLogView> RenderLog(IReadOnlyList<SimulationEvent>? events = null) =>
        Render<EventLogView>(p => p.Add(x => x.Events, events ?? Events).Add(x => x.FileName, "run"));

    private static List<string> Texts(IRenderedComponent<EventLogView> cut) =>
        [.. cut.FindAll(".log-row .log-text").Select(e => e.TextContent)];

    private static async Task ChooseAsync(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<EventLogView> cut, int select, string item)
    {
        cut.FindAll(".log-select")[select].MouseDown();
        await popovers.WaitForAssertionAsync(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == item));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == item).Click();
    }

    [Fact]
    public void Render_Events_NewestFirstWithTimeNodeKindAndText()
    {
        var cut = RenderLog();

        Assert.Equal(["Injected: Crash leader, \"now\"", "Node 1 becomes leader of term 1", "Node 2 votes for Node 1 in term 1", "Node 1 stands for election in term 1"], Texts(cut));
        var newest = cut.FindAll(".log-row")[0];
        Assert.Equal("0.400 s", newest.QuerySelector(".log-time")!.TextContent);
        Assert.Equal("cluster", newest.QuerySelector(".log-node")!.TextContent);
        Assert.Equal("fault", newest.QuerySelector(".log-kind")!.TextContent);
        Assert.Contains("Showing 4 of 4 events", cut.Markup);
    }

    [Fact]
    public async Task NodeFilter_ShowsOnlyThatNodesEvents()
    {
        var popovers = RenderPopovers();
        var cut = RenderLog();

        await ChooseAsync(popovers, cut, 0, "n1");

        await cut.WaitForAssertionAsync(() => Assert.Equal(["Node 1 becomes leader of term 1", "Node 1 stands for election in term 1"], Texts(cut)));
    }

    [Fact]
    public async Task KindFilter_ShowsOnlyThatKind()
    {
        var popovers = RenderPopovers();
        var cut = RenderLog();

        await ChooseAsync(popovers, cut, 1, "vote");

        await cut.WaitForAssertionAsync(() => Assert.Equal(["Node 2 votes for Node 1 in term 1"], Texts(cut)));
    }

    [Fact]
    public async Task Search_MatchesTextIgnoringCase()
    {
        var cut = RenderLog();

        cut.Find(".log-search input").Input("BECOMES");

        await cut.WaitForAssertionAsync(() => Assert.Equal(["Node 1 becomes leader of term 1"], Texts(cut)));
        Assert.Contains("Showing 1 of 4 events", cut.Markup);
    }

    [Fact]
    public void FollowOff_KeepsTheListStillAndCountsNewEvents()
    {
        var cut = RenderLog(Events.Take(2).ToList());

        cut.Find(".log-filters input[role=switch]").Change(false);
        cut.Render(p => p.Add(x => x.Events, Events));

        Assert.Equal(2, Texts(cut).Count);
        Assert.Contains("2 new", cut.Markup);

        cut.Find(".log-filters input[role=switch]").Change(true);
        Assert.Equal(4, Texts(cut).Count);
    }

    [Fact]
    public void ExportJsonLines_DownloadsOneObjectPerEventOldestFirst()
    {
        var download = JSInterop.SetupVoid("patternDashboard.downloadFile", _ => true);
        var cut = RenderLog();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Export JSON Lines").Click();

        var invocation = Assert.Single(download.Invocations);
        Assert.Equal("run.jsonl", invocation.Arguments[0]);
        Assert.Equal("application/x-ndjson", invocation.Arguments[1]);
        var lines = ((string)invocation.Arguments[2]!).TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"sequence":1,"time":0.1,"node":"n1","kind":"election","text":"Node 1 stands for election in term 1"}""", lines[0]);
        Assert.Contains("\"node\":null", lines[3]);
    }

    [Fact]
    public async Task ExportCsv_DownloadsTheShownEventsWithQuoting()
    {
        var download = JSInterop.SetupVoid("patternDashboard.downloadFile", _ => true);
        var cut = RenderLog();
        cut.Find(".log-search input").Input("crash");

        await cut.WaitForAssertionAsync(() => Assert.Single(Texts(cut)));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Export CSV").Click();

        // The search's debounce renders from a timer thread, so the click may be handled a moment later.
        await cut.WaitForAssertionAsync(() => Assert.Single(download.Invocations));
        var invocation = Assert.Single(download.Invocations);
        Assert.Equal("run.csv", invocation.Arguments[0]);
        Assert.Equal("text/csv", invocation.Arguments[1]);
        Assert.Equal("sequence,time,node,kind,text\n4,0.4,,fault,\"Injected: Crash leader, \"\"now\"\"\"\n", invocation.Arguments[2]);
    }
}
