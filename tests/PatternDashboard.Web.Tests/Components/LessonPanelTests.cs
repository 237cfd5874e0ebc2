using Bunit;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Components.Classroom;
using PatternDashboard.Web.Tests.Classroom;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

public sealed class LessonPanelTests : DashboardTestContext
{
    private static Lesson Lesson => ShippedLessons.LosingTheLeader;

    private IRenderedComponent<LessonPanel> RenderPanel(FakeSimulationSession session, bool canControl = true) =>
        Render<LessonPanel>(p => p.Add(x => x.Session, session).Add(x => x.State, session.Current).Add(x => x.CanControl, canControl));

    private FakeSimulationSession SessionAtStep(int step, bool reached = false, Lesson? lesson = null)
    {
        var session = AddSession();
        session.Lesson = new LessonProgress(lesson ?? Lesson, step, step, LessonConditions.BaselineOf(Snapshot()), reached, false, null);
        return session;
    }

    [Fact]
    public async Task NoLesson_ListsThePatternsLessons_AndStartsOne()
    {
        var session = AddSession();
        var cut = RenderPanel(session);

        var item = cut.Find("[data-lesson='leader-election/losing-the-leader']");
        Assert.Contains("Losing the leader", item.TextContent);
        await item.QuerySelector("button")!.ClickAsync(new());

        Assert.Equal(["start leader-election/losing-the-leader"], session.LessonMoves);
    }

    [Fact]
    public void InALesson_ShowsTheStepNarrationAndWaitingCheckpoint()
    {
        var cut = RenderPanel(SessionAtStep(2));

        Assert.Equal("Step 3 of 6: Crash the leader", cut.Find("[data-testid=lesson-step]").TextContent.Trim());
        Assert.Contains("This step crashes the leader, once you have said what you expect.", cut.Find("[data-testid=lesson-narration]").TextContent);
        var checkpoint = cut.Find("[data-testid=lesson-checkpoint]");
        Assert.Equal("waiting", checkpoint.GetAttribute("data-status"));
        Assert.Contains("Waiting: Wait until a different node is elected leader.", checkpoint.TextContent);
    }

    [Fact]
    public void ReachedCheckpoint_SaysReached()
    {
        var cut = RenderPanel(SessionAtStep(0, reached: true));

        var checkpoint = cut.Find("[data-testid=lesson-checkpoint]");
        Assert.Equal("reached", checkpoint.GetAttribute("data-status"));
        Assert.Contains("Reached:", checkpoint.TextContent);
    }

    [Fact]
    public async Task NextAndBack_MoveTheSessionsLesson()
    {
        var session = SessionAtStep(2);
        var cut = RenderPanel(session);

        await cut.Find("[data-testid=lesson-next]").ClickAsync(new());
        cut.Render(p => p.Add(x => x.State, session.Current));
        await cut.Find("[data-testid=lesson-back]").ClickAsync(new());

        Assert.Equal(["step 3", "step 2"], session.LessonMoves);
    }

    [Fact]
    public void FirstStep_CannotGoBack_LastStepFinishes()
    {
        var first = RenderPanel(SessionAtStep(0));
        Assert.True(first.Find("[data-testid=lesson-back]").HasAttribute("disabled"));

        var lastSession = AddSession(id: "fake-2");
        lastSession.Lesson = new LessonProgress(Lesson, 5, 5, LessonConditions.BaselineOf(Snapshot()), false, false, null);
        var last = RenderPanel(lastSession);
        Assert.Empty(last.FindAll("[data-testid=lesson-next]"));
        Assert.Equal("Finish lesson", last.Find("[data-testid=lesson-finish]").TextContent.Trim());
    }

    [Fact]
    public void ViewerWithoutControl_SeesTheNarrationButNoStepButtons()
    {
        var cut = RenderPanel(SessionAtStep(1), canControl: false);

        Assert.Contains("Step 2 of 6", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=lesson-next], [data-testid=lesson-back]"));
        Assert.Contains("The instructor moves the lesson on.", cut.Markup);
    }

    [Fact]
    public void ViewerWithoutControl_CannotStartALesson()
    {
        var cut = RenderPanel(AddSession(), canControl: false);

        Assert.Contains("Losing the leader", cut.Markup);
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void NarrationWithHtml_IsShownAsText()
    {
        var lesson = Lesson with { Steps = [new LessonStep("Sneaky", "<script>alert('x')</script> and <b>bold</b>")] };
        var cut = RenderPanel(SessionAtStep(0, lesson: lesson));

        Assert.Empty(cut.FindAll("[data-testid=lesson-narration] script, [data-testid=lesson-narration] b"));
        Assert.Contains("<script>alert('x')</script> and <b>bold</b>", cut.Find("[data-testid=lesson-narration]").TextContent);
    }

    [Fact]
    public void ActionProblem_IsShown()
    {
        var session = SessionAtStep(2);
        session.Lesson = session.Lesson! with { ActionProblem = "This step acts on the run's leaderId, but the run has none right now, so nothing was done." };

        var cut = RenderPanel(session);

        Assert.Contains("has none right now", cut.Find("[data-testid=lesson-problem]").TextContent);
    }
}
