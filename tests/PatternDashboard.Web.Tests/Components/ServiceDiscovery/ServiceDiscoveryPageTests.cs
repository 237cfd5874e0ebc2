using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Web.Components.Patterns.ServiceDiscovery;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.ServiceDiscovery.ServiceDiscoveryPattern;

namespace PatternDashboard.Web.Tests.Components.ServiceDiscovery;

public sealed class ServiceDiscoveryPageTests : DashboardTestContext
{
    private IRenderedComponent<ServiceDiscoveryPage> RenderPage(ServiceDiscoveryCluster cluster)
    {
        RenderPopovers();
        Manager.Add(new FakeSimulationSession("sd-1", new SessionState("sd-1", cluster.CreateSnapshot(), SessionStatus.Paused, 1, null, 0), cluster.FaultCatalog)
        {
            Pattern = Descriptor,
        });
        Services.GetRequiredService<NavigationManager>().NavigateTo("/patterns/service-discovery?session=sd-1");
        return Render<ServiceDiscoveryPage>(p => p.AddCascadingValue("BrowserId", "browser-1"));
    }

    [Fact]
    public async Task KilledInstanceStillListed_TableTimelineAndCachesSayItIsDeadInWords()
    {
        var cluster = (ServiceDiscoveryCluster)Descriptor.CreateSimulation(3);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        cluster.InjectFault(new FaultRequest(Fault.Kill, InstanceId(1)));
        cluster.RunFor(TimeSpan.FromSeconds(3));

        var cut = RenderPage(cluster);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".registry-table tbody tr")));
        Assert.Equal("3 listed, 1 of them dead", cut.Find("[data-stat=registry]").TextContent);
        Assert.StartsWith("dead", cut.Find("tr[data-instance=i1] [data-col=process]").TextContent);
        Assert.Single(cut.FindAll("[data-lane=i1] rect.dead-call"));
        Assert.Contains("called while dead until", cut.Find("[data-story=i1]").TextContent);
        Assert.All(cut.FindAll("[data-cache] [data-listed=i1]"), listed => Assert.Equal("i1 (dead)", listed.TextContent));
        Assert.Contains("lists 1 dead", cut.Find("[data-cache=c1]").TextContent);
        Assert.NotEqual("0", cut.Find("[data-stat=failed-to-dead]").TextContent);
    }

    [Fact]
    public async Task SelfPreservingRegistry_ShowsTheBannerAndKeptEntries()
    {
        var cluster = (ServiceDiscoveryCluster)Descriptor.CreateSimulation(9);
        cluster.InjectFault(new FaultRequest(Fault.SelfPreservation));
        cluster.RunFor(TimeSpan.FromSeconds(10));
        cluster.InjectFault(new FaultRequest(Fault.Isolate, RegistryId));
        cluster.RunFor(TimeSpan.FromSeconds(15));

        var cut = RenderPage(cluster);

        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("[data-banner=self-preservation]")));
        Assert.All(cut.FindAll(".registry-table [data-col=entry]"), cell => Assert.Contains("kept by self-preservation", cell.TextContent));
    }
}
