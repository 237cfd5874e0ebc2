using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;

namespace PatternDashboard.Web.Sessions;

// Guided lessons: the lesson and its step belong to the session, so every viewer sees the same narration. A step's
// action goes through the session's ordinary inputs (fast-forward, faults, restart), so it is recorded like any other.
public sealed partial class SimulationSession
{
    private readonly SemaphoreSlim lessonMoves = new(1, 1);
    private volatile LessonProgress? lessonProgress;
    private volatile LessonCheck? lessonCheck;

    public LessonProgress? Lesson
    {
        get
        {
            var progress = lessonProgress;
            if (progress is not { Reached: false, Acting: false, AwaitingReveal: false, Step.Checkpoint: { } checkpoint })
            {
                return progress;
            }
            // Each published state is checked once; a reached checkpoint stays reached.
            var published = current;
            if (lessonCheck is { } check && check.Progress == progress && check.PublishNumber == published.Number)
            {
                return progress;
            }
            lessonCheck = new LessonCheck(progress, published.Number);
            if (!LessonConditions.IsReached(checkpoint, published.State.Snapshot, progress.Baseline))
            {
                return progress;
            }
            var reached = progress with { Reached = true };
            return Interlocked.CompareExchange(ref lessonProgress, reached, progress) == progress ? reached : lessonProgress;
        }
    }

    public async Task StartLessonAsync(Lesson lesson)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        if (lesson.PatternId != Pattern.Id)
        {
            throw new SimulationInputException($"Lesson '{lesson.Title}' is for {lesson.PatternId}; this run is {Pattern.Id}.");
        }
        await MoveLessonAsync(async () =>
        {
            // A lesson starts on its own run: its seed and options, at time 0.
            await RestartAsync(lesson.Seed, lesson.Options, keepOtherOptions: false).ConfigureAwait(false);
            var start = await PublishNowAsync().ConfigureAwait(false);
            lessonProgress = new LessonProgress(lesson, 0, -1, LessonConditions.BaselineOf(start.Snapshot), false, false, null);
            await EnterStepAsync(0).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public Task GoToLessonStepAsync(int stepIndex) => MoveLessonAsync(async () =>
    {
        var progress = lessonProgress ?? throw new SimulationInputException("No lesson is running; start one first.");
        if (stepIndex < 0 || stepIndex >= progress.Lesson.Steps.Count)
        {
            throw new SimulationInputException($"Lesson '{progress.Lesson.Title}' has steps 1 to {progress.Lesson.Steps.Count}; there is no step {stepIndex + 1}.");
        }
        await EnterStepAsync(stepIndex).ConfigureAwait(false);
    });

    /// <summary>On a prediction step: runs its action (the reveal), after which its goal is judged.</summary>
    public Task RevealLessonStepAsync() => MoveLessonAsync(async () =>
    {
        var progress = lessonProgress ?? throw new SimulationInputException("No lesson is running; start one first.");
        if (progress.Step.Predict is null)
        {
            throw new SimulationInputException($"Step {progress.StepIndex + 1} of '{progress.Lesson.Title}' asks no prediction, so there is nothing to reveal.");
        }
        if (progress.Revealed)
        {
            throw new SimulationInputException($"Step {progress.StepIndex + 1} of '{progress.Lesson.Title}' is revealed already.");
        }
        var before = (await PublishNowAsync().ConfigureAwait(false)).Snapshot;
        await ActAsync(progress with { Revealed = true, Baseline = LessonConditions.BaselineOf(before) }, progress.StepIndex).ConfigureAwait(false);
    });

    public Task EndLessonAsync() => MoveLessonAsync(() =>
    {
        lessonProgress = null;
        return Task.CompletedTask;
    });

    /// <summary>One lesson move at a time, so two presses of Next cannot run one action twice.</summary>
    private async Task MoveLessonAsync(Func<Task> move)
    {
        ThrowIfClosed();
        Touch();
        await lessonMoves.WaitAsync(closing.Token).ConfigureAwait(false);
        try
        {
            await move().ConfigureAwait(false);
        }
        finally
        {
            lessonMoves.Release();
        }
    }

    private async Task EnterStepAsync(int index)
    {
        var progress = lessonProgress!;
        var step = progress.Lesson.Steps[index];
        var before = (await PublishNowAsync().ConfigureAwait(false)).Snapshot;
        bool firstVisit = index > progress.ActedUpTo;
        // On a prediction step the learner answers first; its action waits for the reveal.
        bool awaitsReveal = step.Predict is not null && firstVisit;
        bool acts = step.Action is not null && firstVisit && !awaitsReveal;
        progress = progress with
        {
            StepIndex = index,
            Baseline = LessonConditions.BaselineOf(before),
            Reached = false,
            Acting = acts,
            ActionProblem = null,
            Revealed = step.Predict is not null && !firstVisit,
        };
        lessonProgress = progress;
        if (!acts)
        {
            return;
        }
        await ActAsync(progress, index).ConfigureAwait(false);
    }

    /// <summary>Runs the step's action (if any) and judges its goal from after it.</summary>
    private async Task ActAsync(LessonProgress progress, int index)
    {
        var step = progress.Lesson.Steps[index];
        if (step.Action is null)
        {
            lessonProgress = progress with { ActedUpTo = Math.Max(progress.ActedUpTo, index) };
            return;
        }
        lessonProgress = progress with { Acting = true };
        string? problem = null;
        try
        {
            await RunLessonActionAsync(step.Action).ConfigureAwait(false);
            if (step.Bookmark is { } bookmark)
            {
                await AddBookmarkAsync(bookmark).ConfigureAwait(false);
            }
        }
        catch (SimulationInputException e)
        {
            problem = e.Message;
        }
        catch (OperationCanceledException)
        {
            problem = "The step's wait was stopped before it finished, so its action did not happen.";
        }
        // The goal is judged from after the action: "elapsed" counts from here, "changed" from before the action.
        var after = (await PublishNowAsync().ConfigureAwait(false)).Snapshot;
        lessonProgress = progress with
        {
            ActedUpTo = index,
            Acting = false,
            ActionProblem = problem,
            Baseline = progress.Baseline with { Time = after.SimulatedTime },
        };
    }

    private async Task RunLessonActionAsync(LessonAction action)
    {
        double now = current.State.Snapshot.SimulatedTime;
        double wait = action.AfterSeconds ?? (action.AtSeconds is { } at ? at - now : 0);
        if (wait > 0)
        {
            await RunForAsync(TimeSpan.FromSeconds(wait)).ConfigureAwait(false);
        }
        if (action.Restart is { } restart)
        {
            await RestartAsync(restart.Seed, restart.Options, keepOtherOptions: true).ConfigureAwait(false);
            return;
        }
        var snapshot = (await PublishNowAsync().ConfigureAwait(false)).Snapshot;
        if (action.Clear is { } clear)
        {
            foreach (var active in snapshot.ActiveFaults.Where(f => f.FaultId == clear))
            {
                await ClearFaultAsync(active.Id).ConfigureAwait(false);
            }
            return;
        }
        string? target = action.Target;
        if (action.TargetFrom is { } path)
        {
            target = LessonConditions.TextAt(LessonConditions.DetailsOf(snapshot), path)
                ?? throw new SimulationInputException($"This step acts on the run's {path}, but the run has none right now, so nothing was done.");
        }
        await InjectFaultAsync(new FaultRequest(action.Fault!, target, action.Value)).ConfigureAwait(false);
    }

    /// <summary>Starts the run again at time 0 with a seed and options (merged into the current ones, or the pattern's defaults).</summary>
    private async Task RestartAsync(long? seed, IReadOnlyDictionary<string, double>? options, bool keepOtherOptions)
    {
        await EnterAsync().ConfigureAwait(false);
        try
        {
            var merged = new Dictionary<string, double>(keepOtherOptions ? simulation.Options : new Dictionary<string, double>());
            foreach (var (name, value) in options ?? new Dictionary<string, double>())
            {
                merged[name] = value;
            }
            var next = Pattern.CreateSimulation(seed ?? simulation.Seed, merged);
            StopFastForwardLocked();
            next.Log.Resize(simulation.Log.Capacity);
            simulation = next;
            status = SessionStatus.Paused;
            generation++;
            ClearBookmarksLocked();
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The published state a lesson's checkpoint was last judged on.</summary>
    private sealed record LessonCheck(LessonProgress Progress, long PublishNumber);
}
