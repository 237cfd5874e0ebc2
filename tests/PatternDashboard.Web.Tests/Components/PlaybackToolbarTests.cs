using Bunit;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class PlaybackToolbarTests : DashboardTestContext
{
    private readonly List<PlaybackCommand> sent = [];

    private IRenderedComponent<PlaybackToolbar> RenderToolbar(SessionState state, bool canControl = true) =>
        Render<PlaybackToolbar>(p => p
            .Add(x => x.State, state)
            .Add(x => x.CanControl, canControl)
            .Add(x => x.OnCommand, EventCallback.Factory.Create<PlaybackCommand>(this, sent.Add)));

    private static void Click(IRenderedComponent<PlaybackToolbar> cut, string name) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == name || b.GetAttribute("aria-label") == name).Click();

    [Fact]
    public void Play_WhenPaused_SendsPlay()
    {
        var cut = RenderToolbar(State(Snapshot()));

        Click(cut, "Play");

        Assert.Equal([new PlaybackCommand(ControlAction.Play)], sent);
    }

    [Fact]
    public void Pause_WhenRunning_SendsPauseAndHoldsStep()
    {
        var cut = RenderToolbar(State(Snapshot(), status: SessionStatus.Running));

        Click(cut, "Pause");

        Assert.Equal([new PlaybackCommand(ControlAction.Pause)], sent);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Step").HasAttribute("disabled"));
    }

    [Fact]
    public void Step_WhenPaused_SendsStep()
    {
        var cut = RenderToolbar(State(Snapshot()));

        Click(cut, "Step one event");

        Assert.Equal([new PlaybackCommand(ControlAction.Step)], sent);
    }

    [Fact]
    public void Speed_ShowsTheCurrentOneAndSendsTheChosenOne()
    {
        var cut = RenderToolbar(State(Snapshot(), speed: 0.25));
        var speed = cut.Find("select[data-testid=speed]");
        Assert.Equal("0.25", speed.GetAttribute("value"));

        speed.Change("2");

        Assert.Equal([new PlaybackCommand(ControlAction.Speed, 2)], sent);
    }

    [Fact]
    public void Speed_NotOffered_SendsNothing()
    {
        var cut = RenderToolbar(State(Snapshot()));

        cut.Find("select[data-testid=speed]").Change("3");

        Assert.Empty(sent);
    }

    [Fact]
    public void Clock_ShowsTimeStatusAndEvents()
    {
        var cut = RenderToolbar(State(Snapshot(time: 12.5), status: SessionStatus.FastForwarding));

        Assert.Contains("t = 12.500 s", cut.Markup);
        Assert.Contains("Fast-forwarding", cut.Find(".status").TextContent);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Play").HasAttribute("disabled"));
    }

    [Fact]
    public void WatchOnly_ShowsTheClockAndNoControl()
    {
        var cut = RenderToolbar(State(Snapshot(time: 3), status: SessionStatus.Running, speed: 2), canControl: false);

        Assert.Empty(cut.FindAll("button, select"));
        Assert.Contains("Running", cut.Find(".status").TextContent);
        Assert.Contains("2x", cut.Find(".status").TextContent);
    }
}
