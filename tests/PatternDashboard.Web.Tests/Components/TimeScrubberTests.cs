using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Classroom;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class TimeScrubberTests : DashboardTestContext
{
    private FakeSimulationSession SessionAt(double time, TimelineInfo? timeline = null)
    {
        var session = AddSession(State(Snapshot(time: time)));
        session.TimelineOverride = timeline;
        return session;
    }

    private IRenderedComponent<TimeScrubber> RenderScrubber(FakeSimulationSession session, bool canControl = true) =>
        Render<TimeScrubber>(p => p.Add(x => x.Session, session).Add(x => x.State, session.Current).Add(x => x.CanControl, canControl));

    [Fact]
    public async Task Jump_ToTheTimeChosenOnTheSlider_TravelsThere()
    {
        var session = SessionAt(20);
        var cut = RenderScrubber(session);

        cut.Find("[data-testid=scrubber-range]").Change("7.5");
        await cut.Find("[data-testid=scrubber-jump]").ClickAsync(new());

        Assert.Equal([TimeSpan.FromSeconds(7.5)], session.Travels);
    }

    [Fact]
    public void Slider_RunsFromZeroToHowFarTheRunGot_AndIsLabelled()
    {
        var cut = RenderScrubber(SessionAt(12.5));

        var range = cut.Find("input[type=range]");
        Assert.Equal("0", range.GetAttribute("min"));
        Assert.Equal("12.5", range.GetAttribute("max"));
        Assert.Equal("Jump to time", cut.Find($"label[for={range.Id}]").TextContent);
        Assert.Contains("Jump to 12.5", cut.Find("[data-testid=scrubber-jump]").TextContent);
    }

    [Fact]
    public async Task Previewing_OffersToContinueAsABranch_WhichPlays()
    {
        var session = SessionAt(5, new TimelineInfo(20, true, 5, 20, null));
        var cut = RenderScrubber(session);

        Assert.Contains("it had reached 20", cut.Find("[data-testid=scrubber-preview]").TextContent);
        await cut.Find("[data-testid=scrubber-continue]").ClickAsync(new());

        Assert.Equal([(ControlAction.Play, (double?)null)], session.Controls);
    }

    [Fact]
    public async Task Previewing_BackToTheEnd_JumpsForwardToWhereTheRunHadGot()
    {
        var session = SessionAt(5, new TimelineInfo(20, true, 5, 20, null));
        var cut = RenderScrubber(session);

        await cut.FindAll("button").Single(b => b.TextContent.Trim().StartsWith("Back to", StringComparison.Ordinal)).ClickAsync(new());

        Assert.Equal([TimeSpan.FromSeconds(20)], session.Travels);
    }

    [Fact]
    public void AfterABranch_SaysWhereItBranched()
    {
        var cut = RenderScrubber(SessionAt(11, new TimelineInfo(11, false, 5, 20, null)));

        Assert.Contains("went back to 5", cut.Find("[data-testid=scrubber-branch]").TextContent);
    }

    [Fact]
    public async Task WhileReplaying_ShowsProgress_AndStopPauses()
    {
        var session = SessionAt(20, new TimelineInfo(20, false, null, null, new FastForwardProgress(12, 0.4)));
        var cut = RenderScrubber(session);

        Assert.Contains("Replaying to 12", cut.Markup);
        Assert.Contains("40%", cut.Markup);
        Assert.True(cut.Find("[data-testid=scrubber-jump]").HasAttribute("disabled"));
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Stop the jump").ClickAsync(new());
        Assert.Equal([(ControlAction.Pause, (double?)null)], session.Controls);
    }

    [Fact]
    public async Task RefusedJump_ShowsTheSessionsMessage()
    {
        var session = SessionAt(20);
        session.NextError = new SimulationInputException("Jumping to 20 s would replay more than 1,000 events, the limit; jump to an earlier time.");
        var cut = RenderScrubber(session);

        await cut.Find("[data-testid=scrubber-jump]").ClickAsync(new());

        Assert.Contains("more than 1,000 events", cut.Find("[data-testid=scrubber-error]").TextContent);
    }

    [Fact]
    public void ViewerWithoutControl_SeesTheTimelineButCannotJumpOrBranch()
    {
        var session = SessionAt(5, new TimelineInfo(20, true, 5, 20, null));
        var cut = RenderScrubber(session, canControl: false);

        Assert.True(cut.Find("input[type=range]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=scrubber-jump]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=scrubber-continue]"));
        Assert.Contains("Showing the run at 5", cut.Markup);
    }
}
