using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Rooms;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>Predict, then reveal, on a room's page: the instructor's form and tally, a student's single answer.</summary>
public sealed class RoomQuestionPanelTests : DashboardTestContext
{
    private static readonly TimeSpan StreamWait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<RoomQuestionPanel> RenderPanel(OpenedRoom room, bool canControl) =>
        Render<RoomQuestionPanel>(p => p
            .Add(x => x.RoomCode, room.Code)
            .Add(x => x.Session, room.Session)
            .Add(x => x.CanControl, canControl));

    [Fact]
    public async Task Instructor_AsksWithAnExpectedAnswerAndAFault_ThenSeesTheOpenQuestionAndItsReveal()
    {
        var room = await Backend.CreateRoomAsync(LeaderElectionPattern.Id);
        var cut = RenderPanel(room, canControl: true);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Ask the room to predict").Click());
        await cut.InvokeAsync(() => cut.Find("input[maxlength='200']").Input("The leader is crashed. What happens next?"));
        await cut.InvokeAsync(() => cut.FindAll(".ask-answer input")[0].Input("A new leader within seconds"));
        await cut.InvokeAsync(() => cut.FindAll(".ask-answer input")[1].Input("Nothing until it returns"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=question-expected]").Change("0"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=question-reveal]").Change(LeaderElectionPattern.Faults.First(f => f.Target == FaultTarget.None).Id));
        await cut.InvokeAsync(() => cut.Find("form.ask-form").Submit());

        var panel = cut.Find(".room-question");
        Assert.Equal("open", panel.GetAttribute("data-question-state"));
        Assert.Equal("The leader is crashed. What happens next?", cut.Find(".question-text").TextContent.Trim());
        Assert.Contains("(expected)", cut.FindAll(".question-result")[0].TextContent);
        Assert.Contains("Only you see the tally.", cut.Find(".question-status").TextContent);
        Assert.Empty(cut.FindAll("input[type=radio]"));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim().StartsWith("Reveal:", StringComparison.Ordinal)).Click());

        Assert.Equal("revealed", cut.Find(".room-question").GetAttribute("data-question-state"));
        Assert.Contains("✓ What happened", cut.FindAll(".question-result")[0].TextContent);
        Assert.Single(Manager.Session(room.Session.Id).Injected);
    }

    [Fact]
    public async Task Instructor_AQuestionWithOneAnswer_IsRefusedInWords_AndTheFormStays()
    {
        var room = await Backend.CreateRoomAsync(LeaderElectionPattern.Id);
        var cut = RenderPanel(room, canControl: true);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Ask the room to predict").Click());
        await cut.InvokeAsync(() => cut.Find("input[maxlength='200']").Input("Who wins?"));
        await cut.InvokeAsync(() => cut.FindAll(".ask-answer input")[0].Input("n1"));
        await cut.InvokeAsync(() => cut.Find("form.ask-form").Submit());

        Assert.Contains("answer 2", cut.Find("[role=alert]").TextContent);
        Assert.NotNull(cut.Find("form.ask-form"));
        Assert.Null(Rooms.Get(room.Code).Question);
    }

    [Fact]
    public async Task Student_AnswersOnce_ThenSeesWhatHappenedBesideTheirAnswer()
    {
        var teacher = new InProcessPageBackend(Manager, Rooms, Classroom.ShippedLessons.Library, Comparisons) { BrowserId = "teacher-browser" };
        var created = await teacher.CreateRoomAsync(LeaderElectionPattern.Id);
        var asked = await teacher.AskQuestionAsync(created.Code, new QuestionInput("Who leads next?", ["Another node", "Nobody"], Expected: 0));
        var student = await Backend.OpenRoomAsync(created.Code, null);
        var cut = RenderPanel(student!, canControl: false);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("input[type=radio]").Count), StreamWait);
        var send = () => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Send my answer");
        Assert.True(send().HasAttribute("disabled"));
        await cut.InvokeAsync(() => cut.FindAll("[data-answer] input")[1].Change(true));
        await cut.InvokeAsync(() => send().Click());

        Assert.Empty(cut.FindAll("input[type=radio]"));
        Assert.Contains("You answered Nobody.", cut.Find(".question-status").TextContent);
        Assert.Null(cut.Find(".question-result").GetAttribute("data-count")); // the tally stays the instructor's until shown

        await teacher.RevealQuestionAsync(created.Code, asked.Id, null);

        cut.WaitForAssertion(() => Assert.Equal("revealed", cut.Find(".room-question").GetAttribute("data-question-state")), StreamWait);
        Assert.Contains("✓ What happened", cut.FindAll(".question-result")[0].TextContent);
        Assert.Contains("(your answer)", cut.FindAll(".question-result")[1].TextContent);
        Assert.Equal("What happened: Another node. You answered Nobody.", cut.Find(".question-status").TextContent.Trim());
        Assert.Equal("1", cut.FindAll(".question-result")[1].GetAttribute("data-count"));
    }
}
