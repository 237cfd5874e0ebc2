using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Sidecar;
using PatternDashboard.Web.Components.Patterns.Sidecar;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Web.Tests.Components.Sidecar;

public sealed class SidecarPageTests : DashboardTestContext
{
    /// <summary>A real run whose log shipper crashed long enough for the buffer to fill and drop.</summary>
    private static SidecarCluster WithCrashedShipper()
    {
        var cluster = (SidecarCluster)Descriptor.CreateSimulation(3);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        cluster.InjectFault(new FaultRequest(Fault.CrashLogShipper));
        cluster.RunFor(TimeSpan.FromSeconds(10));
        return cluster;
    }

    private IRenderedComponent<SidecarPage> RenderPage(SidecarCluster cluster, out FakeSimulationSession session)
    {
        RenderPopovers();
        session = Manager.Add(new FakeSimulationSession("sc-1", new SessionState("sc-1", cluster.CreateSnapshot(), SessionStatus.Paused, 1, null, 0), Faults)
        {
            Pattern = Descriptor,
        });
        Services.GetRequiredService<NavigationManager>().NavigateTo("/patterns/sidecar?session=sc-1");
        return Render<SidecarPage>();
    }

    [Fact]
    public async Task KeyState_ShowsEachContainerInWords_TheFullBufferWithItsDrops_AndTheCost()
    {
        var cluster = WithCrashedShipper();
        var details = cluster.Details();

        var cut = RenderPage(cluster, out _);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".pod-table tbody tr")));
        Assert.Equal("serving", cut.Find("tr[data-container=app] [data-col=state]").TextContent);
        Assert.Equal("down (crashed)", cut.Find("tr[data-container=log-shipper] [data-col=state]").TextContent);
        Assert.Equal("ready", cut.Find("tr[data-container=tls-proxy] [data-col=state]").TextContent);
        Assert.Equal($"300 of 300 lines · dropped at the limit {details.Log.Dropped} · lost 0", cut.Find("[data-stat=buffer]").TextContent);
        Assert.Contains("% of the pod's CPU", cut.Find("[data-stat=cost]").TextContent);
        Assert.Contains("against the app's own", cut.Find("[data-stat=cost]").TextContent);
    }

    [Fact]
    public async Task Details_ShowTheTracedRequestHopByHop_AndTheSettingTheProxyRuns()
    {
        var cut = RenderPage(WithCrashedShipper(), out _);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".trace-table tbody tr")));
        Assert.Contains(cut.FindAll(".trace-table tbody tr"), row => row.TextContent.Contains("app: its own work"));
        Assert.Contains(cut.FindAll(".trace-table tbody tr"), row => row.TextContent.Contains("TLS proxy") && row.TextContent.Contains("yes"));
        Assert.Equal("version 1: timeout 500 ms, TLS 1.2", cut.Find("[data-stat=proxy-setting]").TextContent);
        Assert.StartsWith("build 1, code unchanged", cut.Find("[data-stat=app-build]").TextContent);
    }

    [Fact]
    public async Task BreakItSwitch_InjectsConcernsInApp()
    {
        var cut = RenderPage(WithCrashedShipper(), out var session);
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".pod-table tbody tr")));

        cut.Find(".break-it input[role=switch]").Change(true);

        await cut.WaitForAssertionAsync(() => Assert.Equal(Fault.ConcernsInApp, Assert.Single(session.Injected).FaultId));
    }
}
