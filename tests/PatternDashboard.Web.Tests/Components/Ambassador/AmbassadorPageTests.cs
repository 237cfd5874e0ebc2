using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Ambassador;
using PatternDashboard.Web.Components.Patterns.Ambassador;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Web.Tests.Components.Ambassador;

public sealed class AmbassadorPageTests : DashboardTestContext
{
    /// <summary>A real run with transient errors, so retries, backoffs and the log are there.</summary>
    private static AmbassadorCluster WithTransientErrors()
    {
        var cluster = (AmbassadorCluster)Descriptor.CreateSimulation(3);
        cluster.InjectFault(new FaultRequest(Fault.TransientErrors, null, 30));
        cluster.RunFor(TimeSpan.FromSeconds(12));
        return cluster;
    }

    private IRenderedComponent<AmbassadorPage> RenderPage(AmbassadorCluster cluster, out FakeSimulationSession session)
    {
        RenderPopovers();
        session = Manager.Add(new FakeSimulationSession("amb-1", new SessionState("amb-1", cluster.CreateSnapshot(), SessionStatus.Paused, 1, null, 0), Faults)
        {
            Pattern = Descriptor,
        });
        Services.GetRequiredService<NavigationManager>().NavigateTo("/patterns/ambassador?session=amb-1");
        return Render<AmbassadorPage>();
    }

    [Fact]
    public async Task LiveState_ShowsAttemptsPerRequestHistogramAndTheAmbassadorsLog()
    {
        var cluster = WithTransientErrors();
        var details = cluster.Details();

        var cut = RenderPage(cluster, out _);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".log-table tbody tr")));
        Assert.Equal($"{details.MostAttemptsSeen} of at most 4", cut.Find("[data-stat=most-attempts]").TextContent);
        Assert.Contains("exponential backoff", cut.Find("[data-stat=ambassador]").TextContent);
        Assert.Equal(4, cut.FindAll(".histogram li").Count);
        Assert.Contains(cut.FindAll(".log-table tbody tr"), row => row.TextContent.Contains("retry in"));
        Assert.Contains("Attempts per second against requests per second", cut.Markup);
    }

    [Fact]
    public async Task RetryStormSwitch_InjectsTheBreakIt()
    {
        var cut = RenderPage(WithTransientErrors(), out var session);
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".log-table tbody tr")));

        cut.Find(".break-it input[role=switch]").Change(true);

        await cut.WaitForAssertionAsync(() => Assert.Equal(Fault.RetryStorm, Assert.Single(session.Injected).FaultId));
    }
}
