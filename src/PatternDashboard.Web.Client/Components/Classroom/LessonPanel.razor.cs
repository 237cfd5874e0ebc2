using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Classroom;

/// <summary>
/// The lesson beside the live view: pick a lesson of this pattern, read each step's narration, watch its checkpoint
/// go from waiting to reached, and step with Next and Back. The lesson lives in the session, so every viewer of a
/// shared run sees the same step; only a viewer who may control the run can move it.
/// </summary>
public partial class LessonPanel
{
    private bool busy;
    private string? error;

    // The learner's guess on a prediction step, kept in this page only: nobody else sees it.
    private (string Lesson, int Step, int Answer)? guess;

    private IReadOnlyList<Lesson> lessons = [];

    [Inject] public required IPageBackend Backend { get; init; }

    /// <summary>The session whose lesson this shows.</summary>
    [Parameter, EditorRequired] public required ISimulationSession Session { get; set; }

    /// <summary>The latest state; a new one re-renders the panel, so the checkpoint is judged again.</summary>
    [Parameter] public SessionState? State { get; set; }

    /// <summary>False for a viewer who may only watch: the narration shows, the step buttons do not. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private LessonProgress? Progress => Session.Lesson;

    private IReadOnlyList<Lesson> Lessons => lessons;

    protected override async Task OnInitializedAsync()
    {
        // Without the list the lesson in progress still shows; only the picker stays empty, and it says why.
        error = await SafeRun.TryAsync(async () => lessons = await Backend.LessonsAsync(Session.Pattern.Id));
    }

    private Task StartAsync(Lesson lesson) => RunAsync(() => Session.StartLessonAsync(lesson));

    private Task GoAsync(int step) => RunAsync(() => Session.GoToLessonStepAsync(step));

    private Task EndAsync() => RunAsync(Session.EndLessonAsync);

    private Task RevealAsync() => RunAsync(Session.RevealLessonStepAsync);

    /// <summary>The guess made on the step shown now, or null.</summary>
    private int? Choice => guess is { } g && Progress is { } p && g.Lesson == p.Lesson.Id && g.Step == p.StepIndex ? g.Answer : null;

    private void Choose(int answer)
    {
        if (Progress is { Revealed: false } p)
        {
            guess = (p.Lesson.Id, p.StepIndex, answer);
        }
    }

    private string RevealText(LessonPrediction predict) => Choice switch
    {
        null => $"What happened: {predict.Answers[predict.Answer ?? 0]}.",
        { } mine when mine == predict.Answer => "You predicted it.",
        { } mine => $"You predicted \"{predict.Answers[mine]}\"; what happened was \"{predict.Answers[predict.Answer ?? 0]}\".",
    };

    private async Task RunAsync(Func<Task> move)
    {
        if (!CanControl)
        {
            return;
        }
        busy = true;
        error = await SafeRun.TryAsync(move);
        busy = false;
    }
}
