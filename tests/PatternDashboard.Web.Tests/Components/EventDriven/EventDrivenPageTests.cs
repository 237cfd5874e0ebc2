using PatternDashboard.Simulation.Kernel;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Web.Components.Patterns.EventDriven;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components.EventDriven;

/// <summary>The Event-Driven page and its views, fed with snapshots of a real cluster.</summary>
public sealed class EventDrivenPageTests : DashboardTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static EventDrivenCluster RunCluster(Action<EventDrivenCluster>? act = null)
    {
        var cluster = (EventDrivenCluster)EventDrivenPattern.Descriptor.CreateSimulation(seed: 5);
        act?.Invoke(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(6));
        return cluster;
    }

    private (IRenderedComponent<EventDrivenPage> Page, FakeSimulationSession Session) RenderWith(EventDrivenCluster cluster)
    {
        var session = Manager.Add(new FakeSimulationSession("ed-1", State(cluster.CreateSnapshot(), "ed-1"), EventDrivenPattern.Faults) { Pattern = EventDrivenPattern.Descriptor });
        Navigation.NavigateTo("/patterns/event-driven?session=ed-1");
        RenderPopovers();
        return (Render<EventDrivenPage>(), session);
    }

    [Fact]
    public async Task Open_RealSnapshot_ShowsRegistrationsServicesAndTheirOwnState()
    {
        var cluster = RunCluster();
        var (cut, _) = RenderWith(cluster);

        await cut.WaitForAssertionAsync(() => Assert.Equal(cluster.Signup.Produced.ToString(), cut.Find("[data-stat=registrations]").TextContent));
        Assert.Equal("events on the bus", cut.Find("[data-stat=mode]").TextContent);
        Assert.Equal(["profile", "marketing", "email"], cut.FindAll("tr[data-service]").Select(r => r.GetAttribute("data-service")));
        Assert.Contains("profiles", cut.Find("tr[data-service=profile] [data-col=records]").TextContent);
        Assert.Equal("yes", cut.Find("tr[data-service=email] [data-col=known]").TextContent);
        Assert.StartsWith("Email service 1, service,", cut.Find("g[data-node=email-1]").GetAttribute("aria-label"));
        Assert.Contains("Registration latency", cut.Markup);
        Assert.Contains("After recovery, once idle", cut.Markup);
    }

    [Fact]
    public async Task StoppedServiceAndSynchronousCalls_FailuresAndBacklogShown()
    {
        var cluster = RunCluster(c =>
        {
            c.InjectFault(new(EventDrivenPattern.Fault.SynchronousCalls));
            c.InjectFault(new(LifecycleFaults.Crash, "email-1"));
            c.InjectFault(new(EventDrivenPattern.Fault.AddService));
        });
        var (cut, _) = RenderWith(cluster);

        await cut.WaitForAssertionAsync(() => Assert.Equal("synchronous calls", cut.Find("[data-stat=mode]").TextContent));
        Assert.Contains("bad", cut.Find("[data-stat=failed]").ClassList);
        Assert.Equal("0 %", cut.Find("[data-stat=success-rate]").TextContent);
        Assert.Equal("crashed", cut.Find("tr[data-service=email] [data-col=state]").TextContent);
        Assert.Equal("no: joined later", cut.Find("tr[data-service=analytics] [data-col=known]").TextContent);
        Assert.Contains("calls each service it knows", cut.Markup);
    }

    [Fact]
    public void ServiceTable_BehindOrAhead_SaysWhatWasOwed()
    {
        var services = new[]
        {
            new ServiceDetails("email", "Email service", "email-1", "welcome emails", "up", 250, 40, 52, 12, 3.5, true),
            new ServiceDetails("profile", "Profile service", "profile-1", "profiles", "up", 30, 52, 52, 0, 0, true),
        };

        var cut = Render<ServiceTable>(p => p.Add(c => c.Services, services));

        Assert.Equal("40 welcome emails (of 52 owed)", cut.Find("tr[data-service=email] [data-col=records]").TextContent.Trim());
        Assert.Equal("52 profiles", cut.Find("tr[data-service=profile] [data-col=records]").TextContent.Trim());
        Assert.Equal("12", cut.Find("tr[data-service=email] [data-col=backlog]").TextContent);
    }

    [Fact]
    public async Task AddServiceButton_InjectsTheAction()
    {
        var (cut, session) = RenderWith(RunCluster());
        await cut.WaitForAssertionAsync(() => cut.Find("[data-stat=registrations]"));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add a service").Click();

        Assert.Equal(EventDrivenPattern.Fault.AddService, Assert.Single(session.Injected).FaultId);
    }
}
