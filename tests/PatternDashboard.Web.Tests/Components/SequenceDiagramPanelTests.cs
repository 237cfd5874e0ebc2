using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Shared.Sequence;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>The message-sequence tab over a real Leader Election run: lanes, arrows a person can focus, filters, export.</summary>
public sealed class SequenceDiagramPanelTests : DashboardTestContext
{
    private static async Task<SimulationSession> RunWithACrashedLeaderAsync()
    {
        var simulation = PatternCatalog.CreateRegistry().Get(LeaderElectionPattern.Id).CreateSimulation(4);
        var session = new SimulationSession("s1", "owner", simulation, new SessionLimits(), TimeProvider.System);
        await session.RunForAsync(TimeSpan.FromSeconds(4));
        await session.InjectFaultAsync(new FaultRequest(LeaderElectionPattern.Fault.CrashLeader));
        await session.RunForAsync(TimeSpan.FromSeconds(4));
        return session;
    }

    private IRenderedComponent<SequenceDiagramPanel> RenderPanel(ISimulationSession session) =>
        Render<SequenceDiagramPanel>(p => p.Add(x => x.Session, session));

    [Fact]
    public async Task LastTenSeconds_DrawsALanePerNode_ArrowsNamedInWords_AndTheCrashOnItsLane()
    {
        using var session = await RunWithACrashedLeaderAsync();
        var cut = RenderPanel(session);

        cut.WaitForAssertion(() => Assert.Contains("from 0.000 s to 8.000 s", cut.Find("[data-testid=sequence-summary]").TextContent));
        Assert.Equal(["Node 1", "Node 2", "Node 3", "Node 4", "Node 5"], cut.FindAll(".lane-label").Select(l => l.TextContent).Where(l => l.StartsWith("Node", StringComparison.Ordinal)));
        var arrows = cut.FindAll("g.arrow");
        Assert.NotEmpty(arrows);
        Assert.All(arrows, a => Assert.Matches("^[a-z-]+ from \\S+ to \\S+.*, sent at [\\d.]+ s, ", a.GetAttribute("aria-label")!));
        Assert.Contains(arrows, a => a.GetAttribute("aria-label")!.Contains("was down", StringComparison.Ordinal));
        Assert.Equal("crashed", cut.Find(".lane-span").GetAttribute("data-state"));
        Assert.Contains("Crash leader", cut.Find(".fault text").TextContent);

        await cut.InvokeAsync(() => arrows[0].Focus());
        Assert.Equal(arrows[0].GetAttribute("aria-label"), cut.Find("[data-testid=sequence-detail] strong").TextContent);
        Assert.NotEmpty(cut.Find("[data-testid=sequence-detail] code").TextContent);
    }

    [Fact]
    public async Task Hidden_DrawsNothing_UntilShown()
    {
        using var session = await RunWithACrashedLeaderAsync();
        var cut = Render<SequenceDiagramPanel>(p => p.Add(x => x.Session, session).Add(x => x.Shown, false));
        Assert.Empty(cut.FindAll("[data-testid=sequence-summary]"));

        cut.Render(p => p.Add(x => x.Shown, true));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("g.arrow")));
    }

    [Fact]
    public async Task UncheckingAKind_DrawsTheOthersOnly()
    {
        using var session = await RunWithACrashedLeaderAsync();
        var cut = RenderPanel(session);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("g.arrow")));
        string kind = cut.FindAll("g.arrow")[0].GetAttribute("aria-label")!.Split(' ')[0];

        var box = cut.FindAll(".sequence-kinds label").Single(l => l.TextContent.Trim() == kind).QuerySelector("input")!;
        await cut.InvokeAsync(() => box.Change(false));

        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll("g.arrow"), a => a.GetAttribute("aria-label")!.StartsWith(kind + " ", StringComparison.Ordinal)));
        Assert.NotEmpty(cut.FindAll("g.arrow"));
    }

    [Fact]
    public async Task ExportSvg_DownloadsAStandaloneSvgOfTheWindow()
    {
        using var session = await RunWithACrashedLeaderAsync();
        var cut = RenderPanel(session);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("g.arrow")));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Export SVG").Click());

        var download = Assert.Single(JSInterop.Invocations, i => i.Identifier == "patternDashboard.downloadFile");
        Assert.Equal("leader-election-messages-0-8s.svg", download.Arguments[0]);
        Assert.Equal("image/svg+xml", download.Arguments[1]);
        string svg = (string)download.Arguments[2]!;
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Contains("Crash leader", svg);
        Assert.Equal(cut.FindAll("g.arrow").Count, svg.Split("<g><title>").Length - 1);
    }

    [Fact]
    public async Task AWindowThatEndsBeforeItStarts_IsRefusedInWords()
    {
        using var session = await RunWithACrashedLeaderAsync();
        var cut = RenderPanel(session);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("g.arrow")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=sequence-from]").Change("5"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=sequence-to]").Change("2"));
        await cut.InvokeAsync(() => cut.Find("form.sequence-range").Submit());

        cut.WaitForAssertion(() => Assert.Contains("must end after it starts", cut.Find("[role=alert]").TextContent));
    }
}
