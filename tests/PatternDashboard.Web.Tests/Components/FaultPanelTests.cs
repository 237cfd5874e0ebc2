using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class FaultPanelTests : DashboardTestContext
{
    private static readonly ActiveFault CrashN2 = new("f1", "crash", "Crash Node 2", "n2", null, 3.5);

    private IRenderedComponent<FaultPanel> RenderPanel(FakeSimulationSession session, params ActiveFault[] active) =>
        Render<FaultPanel>(p => p.Add(x => x.Session, session).Add(x => x.ActiveFaults, active));

    private static void Click(IRenderedComponent<FaultPanel> cut, string name) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == name).Click();

    /// <summary>The switch input, found by its accessible name (MudSwitch names it through aria-labelledby).</summary>
    private static AngleSharp.Dom.IElement BreakItSwitch(IRenderedComponent<FaultPanel> cut)
    {
        var input = cut.Find(".break-it input[role=switch]");
        var label = cut.Find($"[id='{input.GetAttribute("aria-labelledby")}']");
        Assert.Equal("Break it: any two votes win", label.TextContent.Trim());
        return input;
    }

    [Fact]
    public void Render_ActiveFaults_ListsEachWithAnUndoButton()
    {
        var cut = RenderPanel(AddSession(), CrashN2);

        Assert.Contains("Active now (1)", cut.Markup);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Undo Crash Node 2");
    }

    [Fact]
    public void Undo_ClearsThatActiveFault()
    {
        var session = AddSession();
        var cut = RenderPanel(session, CrashN2);

        Click(cut, "Undo Crash Node 2");

        Assert.Equal(["f1"], session.Cleared);
    }

    [Fact]
    public void Render_ClusterFaults_AreButtonsNamedByLabelAndNodeFaultsAreNot()
    {
        var cut = RenderPanel(AddSession());

        var names = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Crash leader", names);
        Assert.Contains("Heal network", names);
        Assert.Contains("Split cluster", names);
        Assert.DoesNotContain("Crash node", names);
    }

    [Fact]
    public void ClusterFault_Click_InjectsItWithoutTarget()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        Click(cut, "Crash leader");

        Assert.Equal([new FaultRequest("crash-leader")], session.Injected);
    }

    [Fact]
    public void ParameterFault_InjectsTheValueTyped()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        cut.FindAll(".fault-number input")[0].Change("450");
        Click(cut, "Delay messages");

        Assert.Equal([new FaultRequest("delay", null, 450)], session.Injected);
    }

    [Fact]
    public void ParameterFault_Untouched_InjectsTheDefault()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        Click(cut, "Lose messages");

        Assert.Equal([new FaultRequest("loss", null, 30)], session.Injected);
    }

    [Fact]
    public void BreakItSwitch_On_InjectsIt()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        var toggle = BreakItSwitch(cut);
        toggle.Change(true);

        Assert.Equal([new FaultRequest("break-quorum")], session.Injected);
    }

    [Fact]
    public void BreakItSwitch_Off_ClearsTheActiveSwitch()
    {
        var session = AddSession();
        var cut = RenderPanel(session, new ActiveFault("f7", "break-quorum", "Break it: any two votes win", null, null, 1));

        var toggle = BreakItSwitch(cut);
        Assert.Equal("true", toggle.GetAttribute("aria-checked"));
        toggle.Change(false);

        Assert.Equal(["f7"], session.Cleared);
    }

    [Fact]
    public void Inject_RefusedBySession_ShowsTheMessageAndKeepsWorking()
    {
        var session = AddSession();
        session.NextError = new SimulationInputException("There is no leader to crash right now; wait for an election to finish.");
        var cut = RenderPanel(session);

        Click(cut, "Crash leader");
        Assert.Contains("There is no leader to crash right now", cut.Find(".mud-alert").TextContent);

        Click(cut, "Heal network");
        Assert.Equal([new FaultRequest("heal")], session.Injected);
    }

    [Fact]
    public void Click_AfterAnUnchangedUpdate_StillShowsItsResult()
    {
        var session = AddSession();
        var cut = RenderPanel(session, CrashN2);
        int renders = cut.RenderCount;
        cut.Render(p => p.Add(x => x.Session, session).Add(x => x.ActiveFaults, new[] { CrashN2 with { } }));
        Assert.Equal(renders, cut.RenderCount);

        session.NextError = new SimulationInputException("There is no leader to crash right now; wait for an election to finish.");
        Click(cut, "Crash leader");

        Assert.Contains("There is no leader to crash right now", cut.Find(".mud-alert").TextContent);
    }

    [Fact]
    public void Update_NewActiveFault_IsShown()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        cut.Render(p => p.Add(x => x.Session, session).Add(x => x.ActiveFaults, new[] { CrashN2 }));

        Assert.Contains("Undo Crash Node 2", cut.Markup);
    }

    [Fact]
    public void ShowMeTheDamage_TurnsTheSwitchOnWithItsDemonstration_AndSaysWhatHappens()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        var button = cut.Find("[data-break-it='break-quorum'] button.show-damage");
        Assert.Equal("Show me the damage: Break it: any two votes win", button.GetAttribute("aria-label"));
        button.Click();

        Assert.Equal(["break-quorum"], session.DamageShown);
        var note = cut.Find("[role=status].damage-note");
        Assert.Contains("Turns \"Break it: any two votes win\" on, then: Lose messages (60 %)", note.TextContent);
    }

    [Fact]
    public void ShowMeTheDamage_IsNotOfferedToAWatchOnlyViewer()
    {
        var cut = Render<FaultPanel>(p => p.Add(x => x.Session, AddSession()).Add(x => x.ActiveFaults, []).Add(x => x.CanControl, false));

        Assert.Empty(cut.FindAll("button.show-damage"));
    }
}
