using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class TimeControlsTests : DashboardTestContext
{
    private IRenderedComponent<TimeControls> RenderControls(FakeSimulationSession session, SessionState? state = null) =>
        Render<TimeControls>(p => p.Add(x => x.Session, session).Add(x => x.State, state ?? session.Current));

    private static void Click(IRenderedComponent<TimeControls> cut, string name) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == name || b.GetAttribute("aria-label") == name).Click();

    [Fact]
    public void Reset_WithSeed_SendsResetWithThatSeed()
    {
        var session = AddSession();
        var cut = RenderControls(session);

        cut.Find(".seed-field input").Input("42");
        Click(cut, "Reset simulation");

        Assert.Equal([(ControlAction.Reset, (double?)42)], session.Controls);
    }

    [Fact]
    public void SeedField_RunResetElsewhereWithANewSeed_ShowsTheNewSeed()
    {
        var session = AddSession();
        var cut = RenderControls(session);
        var reset = session.Current with { Snapshot = session.Current.Snapshot with { Seed = 777 } };

        cut.Render(p => p.Add(x => x.State, reset));

        Assert.Equal("777", cut.Find(".seed-field input").GetAttribute("value"));
    }

    [Fact]
    public void Reset_WithInvalidSeed_ShowsErrorAndSendsNothing()
    {
        var session = AddSession();
        var cut = RenderControls(session);

        cut.Find(".seed-field input").Input("forty-two");
        Click(cut, "Reset simulation");

        Assert.Empty(session.Controls);
        Assert.Contains("The seed must be a whole number", cut.Markup);
    }

    [Fact]
    public void Command_RefusedBySession_ShowsTheMessage()
    {
        var session = AddSession();
        session.NextError = new SimulationInputException("Session 'fake-1' has closed; start a new one.");
        var cut = RenderControls(session);

        Click(cut, "Reset simulation");

        Assert.Contains("Session 'fake-1' has closed; start a new one.", cut.Find(".mud-alert").TextContent);
    }

    [Fact]
    public void FastForward_RunsForTheSecondsGiven()
    {
        var session = AddSession();
        var cut = RenderControls(session);

        Click(cut, "Fast-forward");

        Assert.Equal([TimeSpan.FromSeconds(10)], session.RunFors);
    }

    [Fact]
    public void FastForwarding_ShowsProgressAndHoldsReset()
    {
        var state = State(Snapshot(time: 12.5), status: SessionStatus.FastForwarding, fastForward: new FastForwardProgress(20, 0.5));
        var session = AddSession(state);
        var cut = RenderControls(session);

        var bar = cut.Find("[aria-label='Fast-forward progress']");
        Assert.Equal("50", bar.GetAttribute("aria-valuenow"));
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Reset simulation").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("42", true)]
    [InlineData("-7", true)]
    [InlineData("4.2", false)]
    [InlineData("1e30", false)]
    [InlineData("99999999999999999", false)]
    public void ValidateSeed_AcceptsWholeNumbersWithinDoublePrecision(string text, bool valid) =>
        Assert.Equal(valid, TimeControls.ValidateSeed(text, out _) is null);
}
