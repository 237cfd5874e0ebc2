using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Classroom.Lessons;
using static PatternDashboard.Web.Tests.Classroom.LeaderElectionScript;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>A prediction step: the learner answers first, and the step's action waits for the reveal.</summary>
[Collection(HeavyReplayCollection.Name)]
public sealed class LessonPredictionTests
{
    private static Lesson PredictTheCrash => ShippedLessons.LosingTheLeader with
    {
        Steps =
        [
            ShippedLessons.LosingTheLeader.Steps[0],
            new LessonStep(
                "What happens when the leader crashes?",
                "Guess first, then reveal.",
                new LessonAction(Fault: "crash-leader"),
                new LessonCheckpoint("Wait for a new leader.", [new LessonCondition(Detail: "leaderId", Op: "changed")]),
                new LessonPrediction("The leader crashes. What happens next?", ["Nothing, the cluster stops", "Another node is elected"], 1)),
        ],
    };

    [Fact]
    public async Task PredictionStep_WaitsForTheReveal_ThenActs_AndItsGoalIsReached()
    {
        using var session = Session(seed: 3);
        await session.StartLessonAsync(PredictTheCrash);
        while (session.Lesson is { Reached: false })
        {
            await session.RunForAsync(TimeSpan.FromMilliseconds(250));
        }
        string leader = ((LeaderElectionDetails)session.Current.Snapshot.Details!).LeaderId!;

        await session.GoToLessonStepAsync(1);
        await session.RunForAsync(TimeSpan.FromSeconds(5));

        Assert.True(session.Lesson!.AwaitingReveal);
        Assert.False(session.Lesson.Reached);
        Assert.Empty(session.Current.Snapshot.ActiveFaults);
        Assert.Equal(leader, ((LeaderElectionDetails)session.Current.Snapshot.Details!).LeaderId);

        await session.RevealLessonStepAsync();

        Assert.True(session.Lesson!.Revealed);
        Assert.Contains(session.Current.Snapshot.ActiveFaults, f => f.FaultId == "crash-leader");
        for (int i = 0; i < 240 && session.Lesson is { Reached: false }; i++)
        {
            await session.RunForAsync(TimeSpan.FromMilliseconds(250));
        }
        Assert.True(session.Lesson!.Reached);
        var again = await Assert.ThrowsAsync<SimulationInputException>(session.RevealLessonStepAsync);
        Assert.Contains("revealed already", again.Message);
    }

    [Fact]
    public async Task StepWithoutPrediction_HasNothingToReveal()
    {
        using var session = Session(seed: 3);
        await session.StartLessonAsync(PredictTheCrash);

        var refused = await Assert.ThrowsAsync<SimulationInputException>(session.RevealLessonStepAsync);

        Assert.Contains("asks no prediction", refused.Message);
    }
}
