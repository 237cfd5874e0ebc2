using PatternDashboard.Simulation.Kernel;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Web.Components.Patterns.PubSub;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components.PubSub;

/// <summary>The Pub/Sub page fed with snapshots of a real cluster.</summary>
public sealed class PubSubPageTests : DashboardTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static PubSubCluster RunCluster(Action<PubSubCluster>? act = null)
    {
        var cluster = (PubSubCluster)PubSubPattern.Descriptor.CreateSimulation(seed: 5);
        act?.Invoke(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(6));
        return cluster;
    }

    private (IRenderedComponent<PubSubPage> Page, FakeSimulationSession Session) RenderWith(PubSubCluster cluster)
    {
        var session = Manager.Add(new FakeSimulationSession("ps-1", State(cluster.CreateSnapshot(), "ps-1"), PubSubPattern.Faults) { Pattern = PubSubPattern.Descriptor });
        Navigation.NavigateTo("/patterns/pub-sub?session=ps-1");
        RenderPopovers();
        return (Render<PubSubPage>(), session);
    }

    [Fact]
    public async Task Open_RealSnapshot_ShowsCountersQueuesChartsAndTopology()
    {
        var cluster = RunCluster();
        var (cut, _) = RenderWith(cluster);

        await cut.WaitForAssertionAsync(() => Assert.Equal(cluster.Stats.Published.ToString(), cut.Find("[data-stat=published]").TextContent));
        Assert.Equal(["billing", "analytics"], cut.FindAll("tr[data-subscription]").Select(r => r.GetAttribute("data-subscription")));
        Assert.Contains("Queue depth per subscription", cut.Markup);
        Assert.Contains("Consumer lag per subscription", cut.Markup);
        Assert.Contains("shape-hexagon", cut.Find("g[data-node=broker]").ClassList);
        Assert.StartsWith("Billing 1, consumer,", cut.Find("g[data-node=billing-1]").GetAttribute("aria-label"));
        Assert.Contains("Every acknowledged publish", cut.Markup);
    }

    [Fact]
    public async Task CrashedConsumerWithBacklog_ShownCrashedAndDepthInTable()
    {
        var cluster = RunCluster(c =>
        {
            c.InjectFault(new(LifecycleFaults.Crash, "billing-1"));
            c.InjectFault(new(LifecycleFaults.Crash, "billing-2"));
        });
        var (cut, _) = RenderWith(cluster);

        int depth = cluster.Broker.Subscription("billing").Depth;
        Assert.True(depth > 30);
        await cut.WaitForAssertionAsync(() => Assert.Equal(depth.ToString(), cut.Find("tr[data-subscription=billing] [data-col=depth]").TextContent));
        Assert.Contains("consumer, crashed", cut.Find("g[data-node=billing-1]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task PoisonButton_InjectsThePoisonAction()
    {
        var (cut, session) = RenderWith(RunCluster());
        await cut.WaitForAssertionAsync(() => cut.Find("[data-stat=published]"));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Publish a poison message").Click();

        Assert.Equal(PubSubPattern.Fault.Poison, Assert.Single(session.Injected).FaultId);
    }
}
