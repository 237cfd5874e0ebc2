using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Microservices;
using PatternDashboard.Web.Components.Patterns.Microservices;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Web.Tests.Components.Microservices;

public sealed class DeploymentViewTests : DashboardTestContext
{
    private IRenderedComponent<DeploymentView> RenderView(MicroservicesDetails details) =>
        Render<DeploymentView>(p => p.Add(x => x.Services, details.Services).Add(x => x.SurgePercent, details.SurgePercent)
            .Add(x => x.UnavailablePercent, details.UnavailablePercent));

    [Fact]
    public void RollingOut_DrawsEachSlotWithItsPhaseAndVersion_AndTheBounds()
    {
        var cluster = (MicroservicesCluster)Descriptor.CreateSimulation(3);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.InjectFault(new FaultRequest(Fault.Deploy, InstanceId(Service.Orders, 1)));
        cluster.RunFor(TimeSpan.FromSeconds(1));

        var cut = RenderView(cluster.Details());

        var orders = cut.Find("[data-service=orders]");
        Assert.Contains("rolling out v2", orders.QuerySelector("[data-col=rollout]")!.TextContent);
        Assert.Contains("5 of at most 5 instances", orders.QuerySelector("[data-col=bounds]")!.TextContent);
        Assert.Contains("at least 3", orders.QuerySelector("[data-col=bounds]")!.TextContent);
        var starting = cut.Find("[data-instance=orders-5]");
        Assert.Equal("starting", starting.GetAttribute("data-phase"));
        Assert.Contains("v2", starting.TextContent);
        Assert.Contains("steady", cut.Find("[data-service=catalog] [data-col=rollout]").TextContent);
        Assert.Contains("Max surge 25 %", cut.Markup);
    }

    [Fact]
    public void BuggyVersionWithProbe_IsShownStalled_WithItsInstancesNotReadyAndMarkedInWords()
    {
        var cluster = (MicroservicesCluster)Descriptor.CreateSimulation(4);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.InjectFault(new FaultRequest(Fault.DeployBug, InstanceId(Service.Payments, 1)));
        cluster.RunFor(TimeSpan.FromSeconds(20));

        var cut = RenderView(cluster.Details());

        var payments = cut.Find("[data-service=payments]");
        Assert.Contains("stalled", payments.QuerySelector("[data-col=rollout]")!.TextContent);
        var buggy = cut.FindAll("[data-service=payments] .slot.broken");
        Assert.NotEmpty(buggy);
        Assert.All(buggy, slot =>
        {
            Assert.Equal("not ready", slot.GetAttribute("data-phase"));
            Assert.Contains("v2 bug", slot.TextContent);
        });
        Assert.Contains("stalled", payments.GetAttribute("aria-label"));
    }

    [Fact]
    public void KilledService_ReadsDownInWords()
    {
        var cluster = (MicroservicesCluster)Descriptor.CreateSimulation(5);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.InjectFault(new FaultRequest(Fault.CrashService, InstanceId(Service.Users, 1)));
        cluster.RunFor(TimeSpan.FromSeconds(1));

        var cut = RenderView(cluster.Details());

        Assert.Equal("down", cut.Find("[data-service=users] [data-col=health]").TextContent);
        Assert.All(cut.FindAll("[data-service=users] .slot"), slot => Assert.Contains("killed", slot.TextContent));
        Assert.Equal("healthy", cut.Find("[data-service=catalog] [data-col=health]").TextContent);
    }
}
