using Bunit;
using PatternDashboard.Web.Components.Patterns.CircuitBreaker;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Web.Tests.Components.CircuitBreaker.CircuitBreakerStates;

namespace PatternDashboard.Web.Tests.Components.CircuitBreaker;

public sealed class BreakerOptionsFormTests : DashboardTestContext
{
    private (IRenderedComponent<BreakerOptionsForm> Form, FakeSimulationSession Session) RenderForm()
    {
        var cluster = WithOpenBreaker();
        var session = Manager.Add(new FakeSimulationSession("cb-1", State(cluster), Faults) { Pattern = Descriptor });
        var form = Render<BreakerOptionsForm>(p => p.Add(c => c.Breaker, Card(cluster, ServiceA)).Add(c => c.Session, session));
        return (form, session);
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<BreakerOptionsForm> form, string option) =>
        form.Find($"[data-option={option}]") is { TagName: "INPUT" } input ? input : form.Find($"[data-option={option}] input");

    private static void Type(IRenderedComponent<BreakerOptionsForm> form, string option, string value) => Input(form, option).Change(value);

    [Fact]
    public void Shows_OptionsInForce()
    {
        var (form, _) = RenderForm();

        Assert.Equal("0.5", Input(form, "failure-ratio").GetAttribute("value"));
        Assert.Equal("10", Input(form, "minimum-throughput").GetAttribute("value"));
        Assert.Equal("5000", Input(form, "break-duration").GetAttribute("value"));
    }

    [Theory]
    [InlineData("failure-ratio", "0", "Failure ratio must be greater than 0 and at most 1")]
    [InlineData("failure-ratio", "1.2", "Failure ratio must be greater than 0 and at most 1")]
    [InlineData("minimum-throughput", "1", "Minimum throughput must be a whole number of calls, 2 or more")]
    [InlineData("sampling-duration", "400", "Sampling duration must be between 500 ms and one day")]
    [InlineData("break-duration", "100000000", "Break duration must be between 500 ms and one day")]
    public void InvalidValue_RefusedWithMessage_NothingSent(string option, string value, string message)
    {
        var (form, session) = RenderForm();

        Type(form, option, value);
        form.Find("form").Submit();

        Assert.Contains(message, form.Find("[data-error=options]").TextContent);
        Assert.Empty(session.Injected);
    }

    [Fact]
    public void ValidChange_SendsOnlyTheChangedSettingForThisService()
    {
        var (form, session) = RenderForm();

        Type(form, "break-duration", "1500");
        form.Find("form").Submit();

        var sent = Assert.Single(session.Injected);
        Assert.Equal((Fault.SetBreakDuration, ServiceA, 1500.0), (sent.FaultId, sent.Target, sent.Value));
        Assert.Empty(form.FindAll("[data-error=options]"));
    }
}
