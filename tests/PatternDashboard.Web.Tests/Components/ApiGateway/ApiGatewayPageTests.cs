using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using PatternDashboard.Web.Components.Patterns.ApiGateway;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Web.Tests.Components.ApiGateway;

public sealed class ApiGatewayPageTests : DashboardTestContext
{
    private IRenderedComponent<ApiGatewayPage> RenderPage(ApiGatewayCluster cluster)
    {
        RenderPopovers();
        Manager.Add(new FakeSimulationSession("gw-1", new SessionState("gw-1", cluster.CreateSnapshot(), SessionStatus.Paused, 1, null, 0), cluster.FaultCatalog)
        {
            Pattern = Descriptor,
        });
        Services.GetRequiredService<NavigationManager>().NavigateTo("/patterns/api-gateway?session=gw-1");
        return Render<ApiGatewayPage>(p => p.AddCascadingValue("BrowserId", "browser-1"));
    }

    [Fact]
    public async Task Flood_TheFlooderIsLimitedInItsRow_AndTheOthersAreNot()
    {
        var cluster = (ApiGatewayCluster)Descriptor.CreateSimulation(4);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.InjectFault(new FaultRequest(Fault.Flood, ClientId(1), 80));
        cluster.RunFor(TimeSpan.FromSeconds(5));

        var cut = RenderPage(cluster);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".limiter-table tbody tr")));
        Assert.Equal(State.Flooding, cut.Find("tr[data-client=c1] [data-col=state]").TextContent);
        Assert.NotEqual("0", cut.Find("tr[data-client=c1] [data-col=limited]").TextContent.Split(' ')[0]);
        Assert.StartsWith("0 ", cut.Find("tr[data-client=c2] [data-col=limited]").TextContent);
        Assert.Contains("of 10", cut.Find("tr[data-client=c1] [data-col=level]").TextContent);
        Assert.Contains("capacity + rate x t = 12.5", cut.Markup);
        Assert.Equal("0", cut.Find("[data-stat=unauthenticated]").TextContent);
    }

    [Fact]
    public async Task CatalogDown_TheWaterfallShowsAPartialSummaryAndTheMissingPartInWords()
    {
        var cluster = (ApiGatewayCluster)Descriptor.CreateSimulation(5);
        cluster.InjectFault(new FaultRequest(Fault.ServiceDown, InstanceId(Service.Catalog, 1)));
        cluster.RunFor(TimeSpan.FromSeconds(15));

        var cut = RenderPage(cluster);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("svg.waterfall g.part")));
        Assert.Equal("206 partial", cut.Find("[data-stat=summary-status]").TextContent);
        Assert.Contains("missing", cut.Find("[data-part=catalog]").ClassName);
        Assert.Contains("answered", cut.Find("[data-part=users]").ClassName);
        Assert.Contains("catalog (optional)", cut.Find("[data-part=catalog]").TextContent);
        Assert.NotEqual("0", cut.Find("[data-stat=summary-partial]").TextContent);
    }
}
