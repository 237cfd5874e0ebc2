using System.Runtime.CompilerServices;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// Predict, then reveal, for the hub and for pages on the server alike: the instructor asks, students answer once each,
/// the instructor shows the tally and reveals by running the action that shows what happens. Control is checked here
/// (each caller passes whether the room's controllers include it, never the caller's own word). A viewer id names who
/// answers (a browser, or a hub connection), so each answers once.
/// </summary>
public static class RoomPredictions
{
    /// <summary>A viewer's stream wakes at most this often, so a class answering at once costs a few updates, not one each.</summary>
    public static readonly TimeSpan StreamInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a quiet stream looks whether its room has closed.</summary>
    private static readonly TimeSpan ClosedCheck = TimeSpan.FromSeconds(5);

    public static QuestionView Ask(Room room, string viewerId, bool canControl, QuestionInput? input)
    {
        CheckControl(room, canControl);
        string? revealsBy = DescribeReveal(room, input?.Reveal);
        var question = room.Ask(id => RoomQuestion.Create(id, input, revealsBy));
        return question.ViewFor(viewerId, canControl, room.ViewerCount);
    }

    public static QuestionView Answer(Room room, string viewerId, bool canControl, string? questionId, int answer)
    {
        var question = room.QuestionById(questionId);
        question.Answer(viewerId, answer, room.ViewerCount);
        room.QuestionUpdated();
        return question.ViewFor(viewerId, canControl, room.ViewerCount);
    }

    public static QuestionView ShowTally(Room room, string viewerId, bool canControl, string? questionId, bool shown)
    {
        CheckControl(room, canControl);
        var question = room.QuestionById(questionId);
        question.ShowTally(shown);
        room.QuestionUpdated();
        return question.ViewFor(viewerId, canControl, room.ViewerCount);
    }

    /// <summary>Runs the question's reveal action on the room's run, then marks <paramref name="happened"/> (or the expected answer).</summary>
    public static async Task<QuestionView> RevealAsync(Room room, string viewerId, bool canControl, string? questionId, int? happened)
    {
        CheckControl(room, canControl);
        var question = room.QuestionById(questionId);
        int answer = happened ?? question.Expected
            ?? throw new SimulationInputException("Say which answer happened: the question was asked without an expected answer.");
        question.CheckAnswer(answer);
        question.BeginReveal();
        room.QuestionUpdated();
        bool done = false;
        try
        {
            await RunRevealAsync(room.Session, question.Reveal).ConfigureAwait(false);
            done = true;
        }
        finally
        {
            question.EndReveal(done ? answer : null);
            room.QuestionUpdated();
        }
        return question.ViewFor(viewerId, canControl, room.ViewerCount);
    }

    public static void Dismiss(Room room, bool canControl, string? questionId)
    {
        CheckControl(room, canControl);
        room.Dismiss(questionId);
    }

    public static RoomQuestionState View(Room room, string viewerId, bool canControl) =>
        new(room.Question?.ViewFor(viewerId, canControl, room.ViewerCount));

    /// <summary>The room's question as this viewer sees it, now and after every change, until the room closes.</summary>
    /// <param name="canControl">Asked again at every change: control can be claimed or lost while watching.</param>
    public static async IAsyncEnumerable<RoomQuestionState> WatchAsync(Room room, string viewerId, Func<bool> canControl, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RoomQuestionState? last = null;
        while (!cancellationToken.IsCancellationRequested && !room.Session.IsClosed)
        {
            var changed = room.WaitForQuestionChangeAsync(cancellationToken);
            var now = View(room, viewerId, canControl());
            if (last is null || !SameView(last, now))
            {
                last = now;
                yield return now;
            }
            await Task.WhenAny(changed, Task.Delay(ClosedCheck, cancellationToken)).ConfigureAwait(false);
            if (changed.IsCompletedSuccessfully)
            {
                await Task.Delay(StreamInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void CheckControl(Room room, bool canControl)
    {
        if (!canControl)
        {
            throw RoomControlException.WatchOnly(room.Code);
        }
    }

    private static string? DescribeReveal(Room room, RevealInput? reveal)
    {
        if (reveal is null || reveal is { Fault: null, LessonStep: false })
        {
            return null;
        }
        if (reveal.Fault is not null && reveal.LessonStep)
        {
            throw new SimulationInputException("A question is revealed by a fault or by the lesson's step, not both.");
        }
        if (reveal.LessonStep)
        {
            return room.Session.Lesson is { Step.Predict: not null, Revealed: false } lesson
                ? $"the lesson's step \"{lesson.Step.Title}\""
                : throw new SimulationInputException("The room's lesson is not on a prediction step, so it cannot reveal this question.");
        }
        var fault = room.Session.FaultCatalog.FirstOrDefault(f => f.Id == reveal.Fault)
            ?? throw new SimulationInputException(
                $"{room.Session.Pattern.Title} has no fault '{reveal.Fault}'. Its faults: {string.Join(", ", room.Session.FaultCatalog.Select(f => f.Id))}.");
        return reveal.Target is { } target ? $"{fault.Label} ({target})" : fault.Label;
    }

    private static Task RunRevealAsync(Sessions.ISimulationSession session, RevealInput? reveal) => reveal switch
    {
        { LessonStep: true } => session.RevealLessonStepAsync(),
        { Fault: { } fault } => session.InjectFaultAsync(new FaultRequest(fault, reveal.Target, reveal.Value)),
        _ => Task.CompletedTask,
    };

    private static bool SameView(RoomQuestionState a, RoomQuestionState b) =>
        (a.Question, b.Question) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.Id == y.Id && x.State == y.State && x.AnswerCount == y.AnswerCount && x.TallyShown == y.TallyShown
                && x.YourAnswer == y.YourAnswer && x.CanControl == y.CanControl && x.MaxAnswers == y.MaxAnswers,
            _ => false,
        };
}
