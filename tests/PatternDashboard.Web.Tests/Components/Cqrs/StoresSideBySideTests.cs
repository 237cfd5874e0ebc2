using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Cqrs;
using PatternDashboard.Web.Components.Patterns.Cqrs;

namespace PatternDashboard.Web.Tests.Components.Cqrs;

public sealed class StoresSideBySideTests : DashboardTestContext
{
    private static CqrsCluster Running(TimeSpan time)
    {
        var cluster = new CqrsCluster(5, new Dictionary<string, double> { [CqrsPattern.Option.ProjectorRate] = 20 });
        cluster.RunFor(time);
        return cluster;
    }

    [Fact]
    public void Following_EveryReadModelShowsItsLagBesideTheWriteStore()
    {
        var details = Running(TimeSpan.FromSeconds(20)).DetailsOf();

        var cut = Render<StoresSideBySide>(p => p.Add(x => x.Details, details));

        Assert.Contains($"head {details.WriteSide.Head}", cut.Find("[data-stat=write-store]").TextContent);
        Assert.Equal(details.ReadModels.Count, cut.FindAll("li[data-model]").Count);
        Assert.Equal(details.Customers.Count, cut.FindAll("tr[data-customer]").Count);
        Assert.Empty(cut.FindAll("[data-stat=rebuild]"));
    }

    [Fact]
    public void StoppedProjector_ShowsEventsAndSecondsBehindAndWhatIsNotVisibleYet()
    {
        var cluster = Running(TimeSpan.FromSeconds(5));
        cluster.InjectFault(new FaultRequest(CqrsPattern.Fault.StopProjector, CqrsPattern.ReplicaId(1)));
        cluster.RunFor(TimeSpan.FromSeconds(10));
        var details = cluster.DetailsOf();
        var stopped = details.ReadModels[0];

        var cut = Render<StoresSideBySide>(p => p.Add(x => x.Details, details));

        var model = cut.Find($"li[data-model={CqrsPattern.ReplicaId(1)}]");
        Assert.Equal("stopped", model.QuerySelector("[data-stat=model-state]")!.TextContent);
        Assert.Equal(stopped.Backlog.ToString(), model.QuerySelector("[data-stat=lag-events]")!.TextContent);
        Assert.True(stopped.Backlog > 5);
        // Seconds behind is the backlog over the projector's throughput: 20 events per second.
        Assert.Equal(StoresSideBySide.Seconds(stopped.Backlog / 20.0), model.QuerySelector("[data-stat=lag-seconds]")!.TextContent);
        Assert.Contains(CqrsPattern.ReplicaId(1), cut.Find("[data-stat=not-yet]").TextContent);
        Assert.Contains("(behind)", cut.Markup);
    }

    [Fact]
    public void Rebuilding_ShowsProgress()
    {
        var cluster = Running(TimeSpan.FromSeconds(40));
        cluster.InjectFault(new FaultRequest(CqrsPattern.Fault.Rebuild, CqrsPattern.PickListId));

        var cut = Render<StoresSideBySide>(p => p.Add(x => x.Details, cluster.DetailsOf()));

        Assert.Contains("Rebuilding from position 0: 0 %", cut.Find($"li[data-model={CqrsPattern.PickListId}] [data-stat=rebuild]").TextContent);
        Assert.Equal("rebuilding", cut.Find($"li[data-model={CqrsPattern.PickListId}] [data-stat=model-state]").TextContent);
    }
}
