using Bunit;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Patterns.CircuitBreaker;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Web.Tests.Components.CircuitBreaker.CircuitBreakerStates;

namespace PatternDashboard.Web.Tests.Components.CircuitBreaker;

public sealed class BreakerCardTests : DashboardTestContext
{
    [Fact]
    public void OpenBreaker_ShowsStateAsTextCountdownRatesAndBand()
    {
        var cluster = WithOpenBreaker();
        var card = Card(cluster, ServiceA);

        var cut = Render<BreakerCard>(p => p.Add(c => c.Breaker, card).Add(c => c.Now, cluster.Clock.Now.TotalSeconds));

        Assert.Equal("Open", cut.Find("[data-stat=state] .state-text").TextContent);
        Assert.Equal("O", cut.Find("[data-stat=state] .state-mark").TextContent);
        Assert.Contains("state-open", cut.Find(".breaker-card").ClassList);
        Assert.Matches(@"Open for [\d.]+ s; Half-Open in [\d.]+ s", cut.Find("[data-stat=state-detail]").TextContent);
        Assert.Equal($"{card.RequestVolume}", cut.Find("[data-stat=volume]").TextContent);
        Assert.NotEqual("0", cut.Find("[data-stat=rejected]").TextContent);
        Assert.Contains("p99", cut.Find("[data-stat=latency]").TextContent);
        Assert.Contains("Open from", cut.Find(".band").GetAttribute("aria-label"));
        Assert.Contains(cut.FindAll(".band text"), t => t.TextContent == "O");
    }

    [Fact]
    public void ClosedBreaker_CloseDisabled_IsolateRaisesEventWithServiceId()
    {
        var cluster = WithOpenBreaker();
        string? isolated = null;

        var cut = Render<BreakerCard>(p => p.Add(c => c.Breaker, Card(cluster, ServiceB))
            .Add(c => c.OnIsolate, (string id) => isolated = id));

        Assert.Contains("Closed", cut.Find("[data-stat=state]").TextContent);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Contains("Close circuit")).HasAttribute("disabled"));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Isolate")).Click();
        Assert.Equal(ServiceB, isolated);
    }

    [Fact]
    public void HalfOpenBreaker_ShowsProbeCount()
    {
        var cluster = WithOpenBreaker();
        while (cluster.Breaker(ServiceA).State != BreakerStates.HalfOpen)
        {
            cluster.Step();
        }

        var cut = Render<BreakerCard>(p => p.Add(c => c.Breaker, Card(cluster, ServiceA)).Add(c => c.Now, cluster.Clock.Now.TotalSeconds));

        Assert.Contains("Half-Open", cut.Find("[data-stat=state]").TextContent);
        Assert.Contains("probe calls let through: 1 of 1", cut.Find("[data-stat=state-detail]").TextContent);
    }
}
