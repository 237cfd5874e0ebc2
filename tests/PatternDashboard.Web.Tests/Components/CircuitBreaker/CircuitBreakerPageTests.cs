using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Web.Components.Patterns.CircuitBreaker;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Web.Tests.Components.CircuitBreaker.CircuitBreakerStates;

namespace PatternDashboard.Web.Tests.Components.CircuitBreaker;

public sealed class CircuitBreakerPageTests : DashboardTestContext
{
    private IRenderedComponent<CircuitBreakerPage> RenderPage(FakeSimulationSession session)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/patterns/circuit-breaker?session={session.Id}");
        return Render<CircuitBreakerPage>();
    }

    [Fact]
    public async Task LiveState_ShowsACardPerBreakerChartsAndCallerSlots()
    {
        RenderPopovers();
        var cluster = WithOpenBreaker();
        var session = Manager.Add(new FakeSimulationSession("cb-1", State(cluster), Faults) { Pattern = Descriptor });

        var cut = RenderPage(session);

        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll(".breaker-card").Count));
        Assert.Contains("Open", cut.Find("[data-breaker=a] [data-stat=state]").TextContent);
        Assert.Contains("Closed", cut.Find("[data-breaker=b] [data-stat=state]").TextContent);
        Assert.Matches(@"\d+ of 8", cut.Find("[data-stat=caller-busy]").TextContent);
        Assert.Contains("Service A: outcomes per second", cut.Markup);
        Assert.Contains("Break it: remove the circuit breakers", cut.Markup);
    }

    [Fact]
    public async Task SetErrorRateButton_InjectsErrorRateForThatService()
    {
        RenderPopovers();
        var cluster = WithOpenBreaker();
        cluster.ClearFault(cluster.Faults.Active.Single().Id);
        var session = Manager.Add(new FakeSimulationSession("cb-1", State(cluster), Faults) { Pattern = Descriptor });
        var cut = RenderPage(session);
        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll(".breaker-card").Count));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Set error rate of Service B").Click();

        await cut.WaitForAssertionAsync(() => Assert.Single(session.Injected));
        var sent = session.Injected.Single();
        Assert.Equal((Fault.ErrorRate, ServiceB, 100.0), (sent.FaultId, sent.Target, sent.Value));
    }

    [Fact]
    public async Task IsolateButton_InjectsIsolate()
    {
        RenderPopovers();
        var session = Manager.Add(new FakeSimulationSession("cb-1", State(WithOpenBreaker()), Faults) { Pattern = Descriptor });
        var cut = RenderPage(session);
        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll(".breaker-card").Count));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Isolate Service B").Click();

        await cut.WaitForAssertionAsync(() => Assert.Single(session.Injected));
        Assert.Equal((Fault.Isolate, ServiceB), (session.Injected.Single().FaultId, session.Injected.Single().Target));
    }
}
