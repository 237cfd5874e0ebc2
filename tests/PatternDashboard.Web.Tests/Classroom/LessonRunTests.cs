using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Web.Tests.Classroom.LeaderElectionScript;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>The shipped Leader Election lesson, stepped through on a real run until each checkpoint is reached.</summary>
[Collection(HeavyReplayCollection.Name)]
public sealed class LessonRunTests
{
    /// <summary>Simulated time a checkpoint may take before the test calls it unreachable.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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

    [Fact]
    public async Task LosingTheLeader_EveryCheckpointIsReached_AndTheActionsAreRecorded()
    {
        var lesson = ShippedLessons.LosingTheLeader;
        using var session = Session(seed: 1);
        await session.RunForAsync(TimeSpan.FromSeconds(3));

        await session.StartLessonAsync(lesson);

        Assert.Equal(0, session.Current.Snapshot.SimulatedTime);
        Assert.Equal(lesson.Seed, session.Current.Snapshot.Seed);
        string? firstLeader = null;
        for (int step = 0; step < lesson.Steps.Count; step++)
        {
            if (step > 0)
            {
                await session.GoToLessonStepAsync(step);
            }
            if (session.Lesson!.AwaitingReveal)
            {
                await session.RevealLessonStepAsync();
            }
            var progress = session.Lesson!;
            Assert.Equal(step, progress.StepIndex);
            Assert.Null(progress.ActionProblem);
            Assert.True(await RunUntilReachedAsync(session), $"Step {step + 1} ({progress.Step.Title}) never reached its checkpoint.");
            var leader = (session.Current.Snapshot.Details as LeaderElectionDetails)?.LeaderId;
            if (step == 1)
            {
                firstLeader = leader;
            }
            if (step == 2)
            {
                Assert.NotEqual(firstLeader, leader);
            }
        }

        var recording = await session.ExportRecordingAsync();
        Assert.Equal(["crash-leader", "split", "heal"], recording.Inputs.Select(i => i.FaultId));
        var replayed = PatternCatalog.CreateRegistry().Replay(recording, TimeSpan.FromSeconds(session.Current.Snapshot.SimulatedTime));
        Assert.Equal(replayed.Log.All(), await AllEventsAsync(session));
    }

    [Fact]
    public async Task BackThenNext_DoesNotRepeatAStepsAction()
    {
        using var session = Session(seed: 1);
        await session.StartLessonAsync(ShippedLessons.LosingTheLeader);
        await RunUntilReachedAsync(session);
        await session.GoToLessonStepAsync(1);
        await session.GoToLessonStepAsync(2);
        await session.RevealLessonStepAsync();

        await session.GoToLessonStepAsync(1);
        await session.GoToLessonStepAsync(2);

        Assert.Single((await session.ExportRecordingAsync()).Inputs);
        Assert.Equal(2, session.Lesson!.StepIndex);
    }

    [Fact]
    public async Task ActionWithNothingToActOn_SaysSoAndTheLessonGoesOn()
    {
        var lesson = new Lesson("leader-election/target", 1, LeaderElectionPattern.Id, "T", "S", 3, null,
        [
            new LessonStep("Start", "Wait."),
            new LessonStep("Crash whoever leads", "Now.", new LessonAction(Fault: "crash", TargetFrom: "leaderId")),
        ]);
        using var session = Session(seed: 1);
        await session.StartLessonAsync(lesson);

        await session.GoToLessonStepAsync(1);

        Assert.Contains("the run has none right now", session.Lesson!.ActionProblem);
        Assert.Empty((await session.ExportRecordingAsync()).Inputs);
    }

    [Fact]
    public async Task Actions_WaitThenActClearAndRestartWithAnotherOption()
    {
        var lesson = new Lesson("leader-election/actions", 1, LeaderElectionPattern.Id, "T", "S", 3, new Dictionary<string, double> { ["nodeCount"] = 5 },
        [
            new LessonStep("Start", "Wait."),
            new LessonStep("Split at 4 s", "Now.", new LessonAction(Fault: "split", AtSeconds: 4)),
            new LessonStep("Undo it a second later", "Now.", new LessonAction(Clear: "split", AfterSeconds: 1)),
            new LessonStep("Seven nodes", "Again.", new LessonAction(Restart: new LessonRestart(new Dictionary<string, double> { ["nodeCount"] = 7 }))),
        ]);
        using var session = Session(seed: 1);
        await session.StartLessonAsync(lesson);

        await session.GoToLessonStepAsync(1);
        Assert.Equal(4, session.Current.Snapshot.SimulatedTime, 6);
        Assert.Equal(["split"], session.Current.Snapshot.ActiveFaults.Select(f => f.FaultId));

        await session.GoToLessonStepAsync(2);
        Assert.Equal(5, session.Current.Snapshot.SimulatedTime, 6);
        Assert.Empty(session.Current.Snapshot.ActiveFaults);
        Assert.Equal(["inject", "clear"], (await session.ExportRecordingAsync()).Inputs.Select(i => i.Action));

        await session.GoToLessonStepAsync(3);
        Assert.Equal(0, session.Current.Snapshot.SimulatedTime);
        Assert.Equal(7, session.Current.Snapshot.Nodes.Count(n => n.Id.StartsWith('n')));
        Assert.Equal(3, session.Current.Snapshot.Seed);
        Assert.Null(session.Lesson!.ActionProblem);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public async Task GoToStep_OutOfRange_IsRefused(int step)
    {
        using var session = Session(seed: 1);
        await session.StartLessonAsync(ShippedLessons.LosingTheLeader);

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.GoToLessonStepAsync(step));

        Assert.Contains("has steps 1 to 6", error.Message);
        Assert.Equal(0, session.Lesson!.StepIndex);
    }

    [Fact]
    public async Task LessonOfAnotherPattern_IsRefused()
    {
        using var session = Session(seed: 1);
        var other = ShippedLessons.LosingTheLeader with { PatternId = "circuit-breaker" };

        var error = await Assert.ThrowsAsync<SimulationInputException>(() => session.StartLessonAsync(other));

        Assert.Contains("is for circuit-breaker", error.Message);
        Assert.Null(session.Lesson);
    }

    [Fact]
    public async Task EndLesson_LeavesTheRunAsItIs()
    {
        using var session = Session(seed: 1);
        await session.StartLessonAsync(ShippedLessons.LosingTheLeader);
        await session.RunForAsync(TimeSpan.FromSeconds(2));

        await session.EndLessonAsync();

        Assert.Null(session.Lesson);
        Assert.Equal(2, session.Current.Snapshot.SimulatedTime, 6);
    }

    [Fact]
    public void Conditions_OnASnapshot_CompareAsWritten()
    {
        var simulation = Descriptor().CreateSimulation(4);
        var start = LessonConditions.BaselineOf(simulation.CreateSnapshot());
        simulation.RunFor(TimeSpan.FromSeconds(3));
        var snapshot = simulation.CreateSnapshot();
        bool Reached(params LessonCondition[] all) => LessonConditions.IsReached(new LessonCheckpoint("g", all), snapshot, start);

        Assert.True(Reached(new LessonCondition(Detail: "leaderId", Op: "changed")));
        Assert.True(Reached(new LessonCondition(Detail: "highestTerm", Op: ">=", Value: 1)));
        Assert.True(Reached(new LessonCondition(Metric: "leaders", Op: "==", Value: 1)));
        Assert.True(Reached(new LessonCondition(Invariant: "election-safety", Holds: true)));
        Assert.True(Reached(new LessonCondition(Elapsed: 3)));
        Assert.True(Reached(new LessonCondition(Detail: "breakQuorum", Is: System.Text.Json.JsonDocument.Parse("false").RootElement)));
        Assert.False(Reached(new LessonCondition(Elapsed: 3.5)));
        Assert.False(Reached(new LessonCondition(Detail: "leaderId", Op: "missing")));
        Assert.False(Reached(new LessonCondition(Invariant: "election-safety", Holds: false)));
        Assert.False(Reached(new LessonCondition(Node: "n1", Up: false)));
    }

    private static PatternDescriptor Descriptor() => LeaderElectionPattern.Descriptor;
}
