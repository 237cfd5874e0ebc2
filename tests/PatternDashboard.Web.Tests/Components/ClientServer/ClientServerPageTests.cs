using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ClientServer;
using PatternDashboard.Web.Components.Patterns.ClientServer;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components.ClientServer;

/// <summary>The Client-Server page and its panels, fed with snapshots of a real cluster.</summary>
public sealed class ClientServerPageTests : DashboardTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static ClientServerCluster RunCluster(double load, Action<ClientServerCluster>? act = null, double seconds = 65)
    {
        var cluster = (ClientServerCluster)Descriptor.CreateSimulation(seed: 5, new Dictionary<string, double> { [Option.ArrivalsPerSecond] = load });
        act?.Invoke(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(seconds));
        return cluster;
    }

    private (IRenderedComponent<ClientServerPage> Page, FakeSimulationSession Session) RenderWith(ClientServerCluster cluster)
    {
        var session = Manager.Add(new FakeSimulationSession("cs-1", State(cluster.CreateSnapshot(), "cs-1"), ClientServerPattern.Faults) { Pattern = Descriptor });
        Navigation.NavigateTo("/patterns/client-server?session=cs-1");
        RenderPopovers();
        return (Render<ClientServerPage>(p => p.AddCascadingValue("BrowserId", "browser-1")), session);
    }

    [Fact]
    public async Task Open_RealSnapshot_ShowsQueueUtilizationLatencyTheoryAndTheCurve()
    {
        var cluster = RunCluster(load: 8);
        var (cut, _) = RenderWith(cluster);

        await cut.WaitForAssertionAsync(() => Assert.Equal("80 %", cut.Find("[data-stat=offered]").TextContent));
        Assert.Equal("500 ms", cut.Find("[data-stat=theory-mean]").TextContent);
        Assert.Equal(cluster.Server.Queued.ToString(), cut.Find("[data-stat=queue]").TextContent);
        Assert.Matches(@"^\d+ %$", cut.Find("[data-stat=utilization]").TextContent);
        Assert.Matches(@"^\d+ ms / [\d.]+ m?s$", cut.Find("[data-stat=latency]").TextContent);
        // Six 10 s windows closed: six dots, and the table lists them newest first beside theory.
        var rows = cut.FindAll("tr[data-curve-point]");
        Assert.Equal(6, rows.Count);
        Assert.Equal("60", rows[0].GetAttribute("data-curve-point"));
        Assert.Contains("M/M/1 theory", cut.Markup);
        Assert.Equal(cluster.Details().Counts.Accepted.ToString(), cut.Find("[data-stat=accepted]").TextContent);
        Assert.Equal(2, cut.FindAll("tr[data-server]").Count);
        Assert.StartsWith("Server 1, server, ", cut.Find("g[data-node=s1]").GetAttribute("aria-label"));
        Assert.StartsWith("Server 2, server, spare", cut.Find("g[data-node=s2]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task NewWindowCloses_CurveTableGetsItsPoint()
    {
        var cluster = RunCluster(load: 5, seconds: 15);
        var (cut, session) = RenderWith(cluster);
        await cut.WaitForAssertionAsync(() => Assert.Single(cut.FindAll("tr[data-curve-point]")));

        cluster.RunFor(TimeSpan.FromSeconds(10));
        session.Push(State(cluster.CreateSnapshot(), "cs-1"));

        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll("tr[data-curve-point]").Count));
        Assert.Equal("20", cut.FindAll("tr[data-curve-point]")[0].GetAttribute("data-curve-point"));
    }

    [Fact]
    public async Task LoadPreset_SendsTheSetLoadFaultWithThatShareOfCapacity()
    {
        var (cut, session) = RenderWith(RunCluster(load: 5, seconds: 5));

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-load-preset]")));
        await cut.Find("button[data-load-preset='0.9']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains(session.Injected, f => f.FaultId == Fault.SetLoad && f.Value == 9));
    }

    [Fact]
    public async Task SecondServerSwitch_KeyStateSaysItIsOn()
    {
        var withSwitch = RenderWith(RunCluster(load: 5, c => c.InjectFault(new FaultRequest(Fault.SecondServer)), seconds: 5)).Page;
        await withSwitch.WaitForAssertionAsync(() => Assert.Contains("two servers, clients pinned", withSwitch.Markup));
    }

    [Fact]
    public void TheoryLine_OneExponentialWorker_TwiceFiveAndTenTimesTheServiceTime()
    {
        var details = RunCluster(load: 5, seconds: 1).Details();

        var line = LatencyCurveChart.TheoryLine(details, 0).ToDictionary(p => p.X, p => p.Y);

        Assert.Equal(200, line[50]);
        Assert.Equal(500, line[80]);
        Assert.Equal(1000, line[90], 6);
    }
}
