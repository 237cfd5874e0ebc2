using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.EventSourcing;
using PatternDashboard.Web.Components.Patterns.EventSourcing;

namespace PatternDashboard.Web.Tests.Components.EventSourcing;

public sealed class ProjectionCardTests : DashboardTestContext
{
    private static EventSourcingCluster Running(TimeSpan time)
    {
        var cluster = new EventSourcingCluster(5, new Dictionary<string, double>());
        cluster.RunFor(time);
        return cluster;
    }

    [Fact]
    public void Following_EveryOpenAccountShowsItsStateBesideTheReadModel()
    {
        var details = Running(TimeSpan.FromSeconds(30)).DetailsOf();

        var cut = Render<ProjectionCard>(p => p.Add(x => x.Details, details));

        Assert.Contains("following", cut.Find("[data-stat=projector]").TextContent);
        Assert.Equal(details.Accounts.Count, cut.FindAll("tr[data-account]").Count);
        Assert.Empty(cut.FindAll("[aria-label='Rebuild progress']"));
    }

    [Fact]
    public void LostWhileStopped_ShowsTheRebuildAndWhatTheReadModelHasNotSeen()
    {
        var cluster = Running(TimeSpan.FromSeconds(30));
        cluster.InjectFault(new FaultRequest(EventSourcingPattern.Fault.StopProjector));
        cluster.InjectFault(new FaultRequest(EventSourcingPattern.Fault.LoseProjection));

        var cut = Render<ProjectionCard>(p => p.Add(x => x.Details, cluster.DetailsOf()));

        Assert.Contains("stopped", cut.Find("[data-stat=projector]").TextContent);
        Assert.Contains("Rebuilding from position 0: 0 %", cut.Find("[data-stat=rebuild]").TextContent);
        Assert.All(cut.FindAll("tr[data-account] td:last-child"), cell => Assert.Equal("not yet", cell.TextContent.Trim()));
    }
}
