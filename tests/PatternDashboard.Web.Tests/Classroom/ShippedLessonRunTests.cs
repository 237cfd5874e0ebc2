using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>
/// Every lesson the repository ships, played through on a real run of its pattern: each step's action happens and
/// each checkpoint is reached, so a lesson that can never complete fails here rather than in front of a class.
/// </summary>
[Collection(HeavyReplayCollection.Name)]
public sealed class ShippedLessonRunTests
{
    /// <summary>Simulated time one checkpoint may take before the test calls it unreachable.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Every shipped lesson that loaded; <see cref="LessonLoaderTests"/> checks none failed to load.</summary>
    public static TheoryData<string> LessonIds => [.. ShippedLessons.Library.All.Select(l => l.Id)];

    [Theory]
    [MemberData(nameof(LessonIds))]
    public async Task ShippedLesson_EveryActionHappens_AndEveryCheckpointIsReached(string lessonId)
    {
        var lesson = ShippedLessons.Library.Find(lessonId)!;
        using var session = SessionFor(lesson.PatternId);

        await session.StartLessonAsync(lesson);

        for (int step = 0; step < lesson.Steps.Count; step++)
        {
            if (step > 0)
            {
                await session.GoToLessonStepAsync(step);
            }
            var progress = session.Lesson!;
            Assert.Equal(step, progress.StepIndex);
            if (progress.AwaitingReveal)
            {
                await session.RevealLessonStepAsync(); // the learner has answered the step's question
            }
            progress = session.Lesson!;
            Assert.True(progress.ActionProblem is null, $"{lessonId}, step {step + 1} ({progress.Step.Title}): {progress.ActionProblem}");
            Assert.True(await RunUntilReachedAsync(session),
                $"{lessonId}, step {step + 1} ({progress.Step.Title}) never reached its checkpoint: {progress.Step.Checkpoint?.Goal}");
        }
        int actions = lesson.Steps.Count(s => s.Action is { Fault: not null } or { Clear: not null });
        Assert.Equal(actions, (await session.ExportRecordingAsync()).Inputs.Count);
    }

    private static SimulationSession SessionFor(string patternId)
    {
        var limits = new SessionLimits();
        var simulation = PatternCatalog.CreateRegistry().Get(patternId).CreateSimulation(1);
        simulation.Log.Resize(limits.EventLogCapacity);
        return new("s1", "owner", simulation, limits, TimeProvider.System);
    }

    private static async Task<bool> RunUntilReachedAsync(ISimulationSession session)
    {
        var deadline = TimeSpan.FromSeconds(session.Current.Snapshot.SimulatedTime) + Patience;
        while (session.Lesson is { Reached: false, Step.Checkpoint: not null })
        {
            if (TimeSpan.FromSeconds(session.Current.Snapshot.SimulatedTime) >= deadline)
            {
                return false;
            }
            await session.RunForAsync(TimeSpan.FromMilliseconds(250));
        }
        return true;
    }
}
