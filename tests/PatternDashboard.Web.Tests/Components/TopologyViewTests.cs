using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class TopologyViewTests : DashboardTestContext
{
    private static SimulationSnapshot ThreeNodes() => Snapshot(
        nodes: [Raft("n1", "follower", 3, "n2"), Raft("n2", "leader", 3, "n2"), Raft("n3", "follower", 2, lifecycle: "crashed")],
        links: [new LinkView("n1", "n2", "up"), new LinkView("n1", "n3", "down"), new LinkView("n2", "n3", "one-way")],
        messages: [new MessageView(1, "n2", "n1", "heartbeat", 0.5), new MessageView(2, "n1", "n2", "vote", 0.25)]);

    [Fact]
    public void Render_NodesOfASnapshot_ShowsEachLabelAndStateAsText()
    {
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()));

        var nodes = cut.FindAll("g[data-node-text]");
        Assert.Equal(3, nodes.Count);
        Assert.Contains("n1", nodes[0].TextContent);
        Assert.Contains("follower", nodes[0].TextContent);
        Assert.Contains("leader", nodes[1].TextContent);
    }

    [Fact]
    public void Render_CrashedNode_IsCrossedAndSaysCrashed()
    {
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()));

        var crashed = cut.Find("g[data-node=n3]");
        Assert.Contains("crashed", crashed.ClassList);
        Assert.Contains("crashed", cut.Find("g[data-node-text=n3] .node-state").TextContent);
        Assert.NotNull(crashed.QuerySelector(".node-cross"));
        Assert.Null(cut.Find("g[data-node=n1]").QuerySelector(".node-cross"));
    }

    [Fact]
    public void Render_PatternPresenter_AppliesItsShapesAndLabels()
    {
        var cut = Render<TopologyView>(p => p
            .Add(x => x.Snapshot, ThreeNodes())
            .Add(x => x.Presenter, LeaderElectionPresenter.Instance));

        var leader = cut.Find("g[data-node=n2]");
        Assert.Equal("Node n2, leader, term 3", leader.GetAttribute("aria-label"));
        Assert.Contains("shape-star", leader.ClassList);
        Assert.Contains("term 3", cut.Find("g[data-node-text=n2]").TextContent);
        Assert.Equal("0", leader.GetAttribute("tabindex"));
        Assert.Equal("button", leader.GetAttribute("role"));
    }

    [Fact]
    public void Render_LinksAndMessages_DrawsDownDashedOneWayArrowAndMessagesWithLegend()
    {
        var cut = Render<TopologyView>(p => p
            .Add(x => x.Snapshot, ThreeNodes())
            .Add(x => x.Presenter, LeaderElectionPresenter.Instance));

        Assert.Single(cut.FindAll("svg.topology-svg line.link-down"));
        Assert.Contains(cut.FindAll("svg.topology-svg line.link-oneway"), l => l.GetAttribute("marker-end") == "url(#topology-arrow)");
        Assert.Equal(2, cut.FindAll("svg.topology-svg path.message").Count);
        Assert.Contains("heartbeat message", cut.Find(".topology-legend").TextContent);
        Assert.Contains("vote message", cut.Find(".topology-legend").TextContent);
    }

    [Fact]
    public void Render_CutAndOneWayLinks_AreSaidInWordsAndTheFigureIsNamedByItsTitle()
    {
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()).Add(x => x.Title, "Raft cluster"));

        Assert.Equal("Raft cluster", cut.Find("figure").GetAttribute("aria-label"));
        Assert.Equal(
            "Links cut between n1 and n3. One-way links: n2 to n3 only. 2 messages in flight.",
            cut.Find("figure p.visually-hidden").TextContent);
    }

    [Fact]
    public void Render_HealthyNetwork_SaysAllLinksUp()
    {
        var healthy = ThreeNodes() with { Links = [new LinkView("n1", "n2", "up")], Messages = [] };

        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, healthy));

        Assert.Equal("All links up. 0 messages in flight.", cut.Find("figure p.visually-hidden").TextContent);
    }

    [Fact]
    public void ClickNode_WithSession_ShowsDetailsAndItsActions()
    {
        var session = AddSession();
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()).Add(x => x.Session, session));

        cut.Find("g[data-node=n2]").Click();

        Assert.Contains("Node 2 (n2)", cut.Find(".topology-details").TextContent);
        var buttons = cut.FindAll(".topology-details button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Crash n2", buttons);
        Assert.Contains("Pause n2", buttons);
        Assert.DoesNotContain("Restart n2", buttons);
        Assert.Equal("true", cut.Find("g[data-node=n2]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void ClickCrashAction_InjectsCrashOfThatNode()
    {
        var session = AddSession();
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()).Add(x => x.Session, session));

        cut.Find("g[data-node=n2]").Click();
        cut.FindAll(".topology-details button").Single(b => b.TextContent.Trim() == "Crash n2").Click();

        Assert.Equal([new FaultRequest("crash", "n2")], session.Injected);
    }

    [Fact]
    public void EnterOnCrashedNode_OffersRestartOnly()
    {
        var session = AddSession();
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()).Add(x => x.Session, session));

        cut.Find("g[data-node=n3]").KeyDown("Enter");

        var buttons = cut.FindAll(".topology-details button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Restart n3", buttons);
        Assert.DoesNotContain("Crash n3", buttons);
    }

    [Fact]
    public void NodeAction_RefusedBySession_ShowsTheMessage()
    {
        var session = AddSession();
        session.NextError = new SimulationInputException("Node 2 is already crashed; restart it first.");
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, ThreeNodes()).Add(x => x.Session, session));

        cut.Find("g[data-node=n2]").Click();
        cut.FindAll(".topology-details button").Single(b => b.TextContent.Trim() == "Crash n2").Click();

        Assert.Contains("Node 2 is already crashed; restart it first.", cut.Find(".mud-alert").TextContent);
    }

    private static SimulationSnapshot OneMessageInFlight(double time) => Snapshot(
        nodes: [Raft("n1", "leader", 1, "n1"), Raft("n2", "follower", 1, "n1")],
        time: time,
        messages: [new MessageView(7, "n1", "n2", "heartbeat", (time - 10) / 0.04, SentAt: 10, ArrivesAt: 10.04)]);

    [Fact]
    public void Running_AMessage_FliesToItsReceiverAtTheRunsSpeed_FromWhereItIs()
    {
        var snapshot = OneMessageInFlight(10.01);
        var session = new FakeSimulationSession("fake-1", State(snapshot, status: SessionStatus.Running, speed: 0.5));
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, snapshot).Add(x => x.Session, session));

        var message = cut.Find("path.message");
        string style = message.GetAttribute("style")!;
        Assert.Contains("flying", message.ClassList);
        // 40 ms of flight at half speed take 80 ms of wall time, of which the first 20 are behind it.
        Assert.Contains("--flight:0.08s", style);
        Assert.Contains("--flown:-0.02s", style);
    }

    [Fact]
    public void Running_ALaterUpdate_KeepsTheFlightItStarted()
    {
        var session = new FakeSimulationSession("fake-1", State(OneMessageInFlight(10.01), status: SessionStatus.Running));
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, OneMessageInFlight(10.01)).Add(x => x.Session, session));
        string first = cut.Find("path.message").GetAttribute("style")!;

        cut.Render(p => p.Add(x => x.Snapshot, OneMessageInFlight(10.03)));

        Assert.Equal(first, cut.Find("path.message").GetAttribute("style"));
    }

    [Fact]
    public void Paused_AMessage_StandsWhereItIs()
    {
        var snapshot = OneMessageInFlight(10.02);
        var session = new FakeSimulationSession("fake-1", State(snapshot, status: SessionStatus.Paused));
        var cut = Render<TopologyView>(p => p.Add(x => x.Snapshot, snapshot).Add(x => x.Session, session));

        var message = cut.Find("path.message");
        Assert.DoesNotContain("flying", message.ClassList);
        Assert.Null(message.GetAttribute("style"));
        Assert.NotNull(message.GetAttribute("transform"));
    }
}
