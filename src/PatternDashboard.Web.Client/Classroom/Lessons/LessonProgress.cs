using System.Text.Json;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>
/// Where a session is in its lesson. It lives in the session, so everyone watching sees the same step.
/// </summary>
/// <param name="StepIndex">The step shown, from 0.</param>
/// <param name="ActedUpTo">The last step whose action has run; going back and forward again does not repeat an action.</param>
/// <param name="Reached">True once the step's checkpoint was seen to hold; it stays reached.</param>
/// <param name="Acting">True while the step's action runs (a wait can take a moment).</param>
/// <param name="ActionProblem">Why the step's action could not happen (e.g. no leader to crash), in words for the learner.</param>
/// <param name="Revealed">For a prediction step: true once its answer was revealed (its action ran).</param>
public sealed record LessonProgress(
    Lesson Lesson,
    int StepIndex,
    int ActedUpTo,
    LessonBaseline Baseline,
    bool Reached,
    bool Acting,
    string? ActionProblem,
    bool Revealed = false)
{
    /// <summary>True on a prediction step whose answer is still to be revealed: the learner answers first.</summary>
    public bool AwaitingReveal => Step.Predict is not null && !Revealed;

    public LessonStep Step => Lesson.Steps[StepIndex];

    public bool IsFirst => StepIndex == 0;

    public bool IsLast => StepIndex == Lesson.Steps.Count - 1;

    /// <summary>"waiting", "reached", or "none" for a step without a checkpoint.</summary>
    public string CheckpointStatus => Step.Checkpoint is null ? "none" : Reached ? "reached" : "waiting";
}

/// <summary>What a step's conditions compare against: the run when the step began (before its action).</summary>
public sealed record LessonBaseline(double Time, JsonElement Details);
