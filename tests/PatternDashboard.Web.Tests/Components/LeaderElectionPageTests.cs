using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class LeaderElectionPageTests : DashboardTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<LeaderElectionPage> RenderPage() =>
        Render<LeaderElectionPage>();

    private static SessionState ElectedState(string sessionId = "fake-1") => State(
        Snapshot(
            nodes: [Raft("n1", "follower", 3, "n2"), Raft("n2", "leader", 3, "n2"), Raft("n3", "follower", 3, "n2"), Client()],
            time: 9,
            details: Details("n2", 3, [new LeadershipSpan(1, "n1", 0.2, 4.5), new LeadershipSpan(3, "n2", 5.1, null)], accepted: 17, rejected: 4, withoutLeader: 1.25),
            series: [new SeriesView("writes accepted/s", "per s", [new MetricPoint(1, 2), new MetricPoint(2, 5)])]),
        sessionId);

    [Fact]
    public async Task PushedState_ShowsLeaderTermTimelineAndWrites()
    {
        RenderPopovers();
        var cut = RenderPage();

        Manager.Session("fake-1").Push(ElectedState());

        await cut.WaitForAssertionAsync(() => Assert.Equal("n2 (term 3)", cut.Find("[data-stat=leader]").TextContent));
        Assert.Equal("3", cut.Find("[data-stat=term]").TextContent);
        Assert.Equal("17", cut.Find("[data-stat=accepted]").TextContent);
        Assert.Equal("4", cut.Find("[data-stat=rejected]").TextContent);
        Assert.Equal("1.250 s", cut.Find("[data-stat=leaderless]").TextContent);
        var timeline = cut.Find(".timeline svg");
        Assert.Contains("n2 · term 3", timeline.TextContent);
        Assert.Contains("n2 leads term 3 since 5.1 s", timeline.GetAttribute("aria-label"));
        Assert.Contains("Client writes per second", cut.Markup);
        Assert.Equal("Node n2, leader, term 3", cut.Find("g[data-node=n2]").GetAttribute("aria-label"));
        Assert.Contains("shape-star", cut.Find("g[data-node=n2]").ClassList);
    }

    [Fact]
    public async Task PanelsOffScreen_SkipUpdates_AndCatchUpWhenScrolledTo()
    {
        RenderPopovers();
        var cut = RenderPage();
        var session = Manager.Session("fake-1");
        session.Push(ElectedState());
        await cut.WaitForAssertionAsync(() => Assert.Contains("n2 · term 3", cut.Find(".timeline svg").TextContent));

        // The browser says the tab panels (the timeline among them) have left the screen.
        await cut.InvokeAsync(() => cut.FindComponent<PatternPage>().Instance.OnPanelsOnScreen(false));
        session.Push(State(
            Snapshot(
                nodes: [Raft("n1", "follower", 4, "n3"), Raft("n2", "follower", 4, "n3"), Raft("n3", "leader", 4, "n3"), Client()],
                time: 30,
                details: Details("n3", 4, [new LeadershipSpan(1, "n1", 0.2, 4.5), new LeadershipSpan(3, "n2", 5.1, 10.5), new LeadershipSpan(4, "n3", 11, null)],
                    accepted: 20, rejected: 4, withoutLeader: 1.75)),
            "fake-1"));

        // What is on screen follows the run; the panels wait.
        await cut.WaitForAssertionAsync(() => Assert.Equal("n3 (term 4)", cut.Find("[data-stat=leader]").TextContent));
        Assert.DoesNotContain("n3 · term 4", cut.Find(".timeline svg").TextContent);

        await cut.InvokeAsync(() => cut.FindComponent<PatternPage>().Instance.OnPanelsOnScreen(true));
        await cut.WaitForAssertionAsync(() => Assert.Contains("n3 · term 4", cut.Find(".timeline svg").TextContent));
    }

    [Fact]
    public void CrashLeaderButton_InjectsCrashLeader()
    {
        RenderPopovers();
        var cut = RenderPage();
        var session = Manager.Session("fake-1");

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Crash leader").Click();

        Assert.Equal([new FaultRequest(LeaderElectionPattern.Fault.CrashLeader)], session.Injected);
    }

    [Fact]
    public async Task NodeTableMenu_OffersNodeFaultsByKeyboardReachableButtons()
    {
        var popovers = RenderPopovers();
        var cut = RenderPage();
        var session = Manager.Session("fake-1");
        session.Push(ElectedState());
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("button[aria-label='Actions for n3']")));

        cut.Find("button[aria-label='Actions for n3']").Click();
        await popovers.WaitForAssertionAsync(() => Assert.Contains(popovers.FindAll(".mud-menu-item"), i => i.TextContent.Trim() == "Isolate n3"));
        popovers.FindAll(".mud-menu-item").First(i => i.TextContent.Trim() == "Crash n3").Click();

        // MudMenuItem closes its menu before it runs OnClick, so the fault arrives a moment later.
        await cut.WaitForAssertionAsync(() => Assert.Equal([new FaultRequest("crash", "n3")], session.Injected));
    }

    [Fact]
    public async Task NewEvents_AreFetchedAfterTheLastSequenceAndShown_OnlyWhileTheLogIsOpen()
    {
        RenderPopovers();
        var cut = RenderPage();
        var session = Manager.Session("fake-1");
        session.Events.AddRange([Event(1, 0.2, "n1", "election", "Node 1 stands for election"), Event(2, 0.3, "n1", "leader", "Node 1 leads term 1")]);

        session.Push(State(Snapshot(), lastEventSequence: 2));
        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.Instance.State?.LastEventSequence));
        // The log is in its tab: while it is closed, updates fetch nothing.
        Assert.Empty(session.EventRequests);
        // Found and clicked in one go: the live page may re-render in between otherwise.
        await cut.InvokeAsync(() => Tab(cut, "Event log").Click());

        // Opening it catches up at once, with no new update needed (a paused run sends none).
        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll(".log-row").Count));
        Assert.Equal([0L], session.EventRequests);
        session.Events.Add(Event(3, 0.5, "n2", "vote", "Node 2 votes"));
        session.Push(State(Snapshot(), lastEventSequence: 3));
        await cut.WaitForAssertionAsync(() => Assert.Equal(3, cut.FindAll(".log-row").Count));
        Assert.Equal([0L, 2L], session.EventRequests);

        await cut.InvokeAsync(() => Tab(cut, "Details").Click());
        session.Events.Add(Event(4, 0.6, "n3", "vote", "Node 3 votes"));
        session.Push(State(Snapshot(), lastEventSequence: 4));
        await cut.WaitForAssertionAsync(() => Assert.Equal(4, cut.Instance.State?.LastEventSequence));
        Assert.Equal([0L, 2L], session.EventRequests);
        await cut.InvokeAsync(() => Tab(cut, "Event log").Click());
        await cut.WaitForAssertionAsync(() => Assert.Equal(4, cut.FindAll(".log-row").Count));
        Assert.Equal([0L, 2L, 3L], session.EventRequests);
    }

    private static AngleSharp.Dom.IElement Tab(IRenderedComponent<LeaderElectionPage> cut, string name) =>
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == name);

    [Fact]
    public void SessionLimit_ShowsThePoliteMessageAndWaysOut()
    {
        Manager.Add(new FakeSimulationSession("older", LeaderElection("older")) { OwnerId = "browser-1" });
        Manager.CreateError = new SessionLimitException("This browser already has 1 run open, the most allowed.");

        var cut = RenderPage();

        Assert.Contains("This browser already has 1 run open, the most allowed.", cut.Markup);
        var buttons = cut.FindAll("button, a").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Try again", buttons);
        Assert.Contains("Reopen run older", buttons);
        Assert.Contains("Back to all patterns", buttons);
    }

    [Fact]
    public async Task SessionLimit_CloseAnotherRun_StartsANewOne()
    {
        Manager.Add(new FakeSimulationSession("older", LeaderElection("older")) { OwnerId = "browser-1" });
        Manager.CreateError = new SessionLimitException("Too many runs.");
        var cut = RenderPage();
        Manager.CreateError = null;

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Close run older and start a new one").Click();

        Assert.Equal(["older"], Manager.ClosedIds);
        await cut.WaitForAssertionAsync(() => Assert.Single(Manager.Created));
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-stat=leader]")));
    }

    [Fact]
    public async Task SessionClosed_SaysSoAndOffersANewRun()
    {
        RenderPopovers();
        var cut = RenderPage();

        Manager.Session("fake-1").Close();

        await cut.WaitForAssertionAsync(() => Assert.Contains("This run has closed", cut.Markup));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Start a new run");
    }

    [Fact]
    public async Task Shortcuts_SpaceTogglesAndSSteps()
    {
        Navigation.NavigateTo("/patterns/leader-election?paused=1");
        RenderPopovers();
        var cut = RenderPage();
        var session = Manager.Session("fake-1");

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("toggle"));
        session.Push(State(Snapshot(), status: SessionStatus.Running));
        await cut.WaitForAssertionAsync(() => Assert.Equal(SessionStatus.Running, cut.Instance.State!.Status));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("toggle"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("step"));

        Assert.Equal([(ControlAction.Play, (double?)null), (ControlAction.Pause, null), (ControlAction.Step, null)], session.Controls);
        Assert.Contains("patternDashboard.registerShortcuts", JSInterop.Invocations.Select(i => i.Identifier));
    }

    [Fact]
    public async Task Dispose_StopsWatchingButKeepsTheSessionForAReload()
    {
        RenderPopovers();
        RenderPage();
        var session = Manager.Session("fake-1");
        Assert.Equal(1, session.ViewerCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, session.ViewerCount);
        Assert.False(session.IsClosed);
        Assert.Empty(Manager.ClosedIds);
    }

    [Fact]
    public async Task InfoButton_OpensTheDrawerWithThePatternsExplanation()
    {
        RenderPopovers();
        var cut = RenderPage();

        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "About Leader Election").Click();

        await cut.WaitForAssertionAsync(() => Assert.Contains("How it works", cut.Markup));
        Assert.Contains("etcd and Consul", cut.Markup);
    }
}
