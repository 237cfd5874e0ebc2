using Bunit;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Components.Classroom;
using PatternDashboard.Web.Tests.Classroom;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>A lesson's prediction step on the page: choose an answer, reveal, and see what happened beside the guess.</summary>
public sealed class LessonPredictionPanelTests : DashboardTestContext
{
    private static Lesson WithPrediction => ShippedLessons.LosingTheLeader with
    {
        Steps =
        [
            new LessonStep("Guess", "What happens when the leader crashes?", new LessonAction(Fault: "crash-leader"), null,
                new LessonPrediction("The leader crashes. What next?", ["The cluster stops", "Another node is elected"], 1)),
        ],
    };

    private IRenderedComponent<LessonPanel> RenderAwaiting(out FakeSimulationSession session, bool canControl = true)
    {
        session = AddSession();
        session.Lesson = new LessonProgress(WithPrediction, 0, -1, LessonConditions.BaselineOf(Snapshot()), false, false, null);
        var s = session;
        return Render<LessonPanel>(p => p.Add(x => x.Session, s).Add(x => x.State, s.Current).Add(x => x.CanControl, canControl));
    }

    [Fact]
    public async Task Reveal_WaitsForAGuess_ThenMarksWhatHappened_BesideTheGuess()
    {
        var cut = RenderAwaiting(out var session);
        var prediction = cut.Find("[data-testid=lesson-prediction]");
        Assert.Contains("The leader crashes. What next?", prediction.QuerySelector("legend")!.TextContent);
        Assert.True(cut.Find("[data-testid=lesson-reveal]").HasAttribute("disabled"));
        Assert.Contains("Choose an answer first.", prediction.TextContent);

        await cut.InvokeAsync(() => cut.FindAll("[data-answer] input")[0].Change(true));
        await cut.InvokeAsync(() => cut.Find("[data-testid=lesson-reveal]").Click());
        cut.Render(p => p.Add(x => x.State, session.Current));

        Assert.Equal(["reveal"], session.LessonMoves);
        Assert.Equal("true", cut.Find("[data-testid=lesson-prediction]").GetAttribute("data-revealed"));
        Assert.Contains("✓ What happened", cut.Find("[data-answer='1']").TextContent);
        Assert.DoesNotContain("What happened", cut.Find("[data-answer='0']").TextContent);
        Assert.Contains("You predicted \"The cluster stops\"; what happened was \"Another node is elected\".", cut.Find(".prediction-result").TextContent);
    }

    [Fact]
    public void Watcher_SeesTheQuestion_ButNoRevealButton()
    {
        var cut = RenderAwaiting(out _, canControl: false);

        Assert.Equal(2, cut.FindAll("[data-answer] input").Count);
        Assert.Empty(cut.FindAll("[data-testid=lesson-reveal]"));
    }
}
