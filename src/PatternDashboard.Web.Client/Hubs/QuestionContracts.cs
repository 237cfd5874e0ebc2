namespace PatternDashboard.Web.Hubs;

// The shapes of a room's prediction question (camelCase on the wire), documented in docs/hub-api.md.

/// <summary>What a question may hold; the server refuses more, and the page's form stops at the same bounds.</summary>
public static class QuestionLimits
{
    public const int MinAnswers = 2;
    public const int MaxAnswers = 5;
    public const int MaxTextLength = 200;
    public const int MaxAnswerLength = 80;
}

/// <summary>The question an instructor asks the room: two to five answers, and optionally what reveals it.</summary>
/// <param name="Expected">The answer that will happen (from 0), if the instructor knows it; shown to students only on reveal.</param>
public sealed record QuestionInput(string? Text, IReadOnlyList<string>? Answers, int? Expected = null, RevealInput? Reveal = null);

/// <summary>
/// What reveals the answer: a fault given to the room's run (<see cref="Fault"/>, with its target and value), or the
/// room's lesson step (<see cref="LessonStep"/>: the prediction step the room's lesson is on). At most one.
/// </summary>
public sealed record RevealInput(string? Fault = null, string? Target = null, double? Value = null, bool LessonStep = false);

/// <summary>
/// The question as one viewer sees it. <see cref="Tally"/> (answers per choice) is there for the instructor always, and
/// for students once the instructor shows it or reveals; <see cref="Expected"/> only for the instructor.
/// </summary>
/// <param name="State">"open" (taking answers) or "revealed".</param>
/// <param name="YourAnswer">The answer this viewer gave, or null.</param>
/// <param name="Happened">The answer that happened, once revealed.</param>
/// <param name="RevealsBy">What reveals it, in words ("Crash the leader"), or null when the instructor just says.</param>
/// <param name="MaxAnswers">Answers taken at most: the room's viewers when the question was answered last.</param>
public sealed record QuestionView(
    string Id,
    string Text,
    IReadOnlyList<string> Answers,
    string State,
    int AnswerCount,
    int MaxAnswers,
    IReadOnlyList<int>? Tally,
    bool TallyShown,
    int? YourAnswer,
    int? Happened,
    int? Expected,
    string? RevealsBy,
    bool CanControl)
{
    public const string Open = "open";
    public const string Revealed = "revealed";

    public bool IsOpen => State == Open;
}

/// <summary>One item of StreamQuestion: the room's question now, or null when none is asked.</summary>
public sealed record RoomQuestionState(QuestionView? Question);
