using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// A prediction question asked of a room: its answers, the tally, who has answered (kept only to refuse a second
/// answer and to show each viewer their own; never shown to anyone else), and whether it has been revealed.
/// It lives in its <see cref="Room"/> and goes when the room closes.
/// </summary>
public sealed class RoomQuestion
{
    public const int MinAnswers = QuestionLimits.MinAnswers;
    public const int MaxAnswers = QuestionLimits.MaxAnswers;
    public const int MaxTextLength = QuestionLimits.MaxTextLength;
    public const int MaxAnswerLength = QuestionLimits.MaxAnswerLength;

    private readonly Lock gate = new();
    private readonly int[] tally;
    private readonly Dictionary<string, int> answerOf = new(StringComparer.Ordinal);
    private bool tallyShown;
    private int? happened;
    private bool revealing;

    private RoomQuestion(string id, string text, IReadOnlyList<string> answers, int? expected, RevealInput? reveal, string? revealsBy)
    {
        Id = id;
        Text = text;
        Answers = answers;
        Expected = expected;
        Reveal = reveal;
        RevealsBy = revealsBy;
        tally = new int[answers.Count];
    }

    public string Id { get; }

    public string Text { get; }

    public IReadOnlyList<string> Answers { get; }

    public int? Expected { get; }

    public RevealInput? Reveal { get; }

    public string? RevealsBy { get; }

    public bool IsRevealed
    {
        get
        {
            lock (gate)
            {
                return happened is not null;
            }
        }
    }

    /// <summary>Checks the instructor's input; a problem throws <see cref="SimulationInputException"/> in words.</summary>
    /// <param name="revealsBy">The reveal action in words, from the caller that checked it against the room's run.</param>
    public static RoomQuestion Create(string id, QuestionInput? input, string? revealsBy)
    {
        if (input is null)
        {
            throw new SimulationInputException("A question is required: its text and two to five answers.");
        }
        string text = Checked(input.Text, "question", MaxTextLength);
        if (input.Answers is not { Count: >= MinAnswers and <= MaxAnswers } answers)
        {
            throw new SimulationInputException($"A question has {MinAnswers} to {MaxAnswers} answers; {input.Answers?.Count ?? 0} were given.");
        }
        var checkedAnswers = answers.Select((a, i) => Checked(a, $"answer {i + 1}", MaxAnswerLength)).ToArray();
        if (checkedAnswers.Distinct(StringComparer.OrdinalIgnoreCase).Count() != checkedAnswers.Length)
        {
            throw new SimulationInputException("Two answers say the same thing; make each answer different.");
        }
        if (input.Expected is { } expected && (expected < 0 || expected >= checkedAnswers.Length))
        {
            throw new SimulationInputException($"The expected answer is {expected + 1}; the question has answers 1 to {checkedAnswers.Length}.");
        }
        return new RoomQuestion(id, text, checkedAnswers, input.Expected, input.Reveal, revealsBy);
    }

    /// <summary>Records one viewer's answer. Refused when revealed, answered before, or the room's viewers have all answered.</summary>
    /// <summary>Refuses an answer number the question does not have (answers count from 0 on the wire).</summary>
    public void CheckAnswer(int answer)
    {
        if (answer < 0 || answer >= Answers.Count)
        {
            throw new SimulationInputException($"There is no answer {answer + 1}; the question has answers 1 to {Answers.Count}.");
        }
    }

    public void Answer(string voterId, int answer, int maxAnswers)
    {
        lock (gate)
        {
            if (happened is not null || revealing)
            {
                throw new SimulationInputException("This question has been revealed; it takes no more answers.");
            }
            CheckAnswer(answer);
            if (answerOf.ContainsKey(voterId))
            {
                throw new SimulationInputException("You have answered this question already; each viewer answers once.");
            }
            if (answerOf.Count >= Math.Max(1, maxAnswers))
            {
                throw new SimulationInputException($"This question has its {answerOf.Count} answers, one per viewer of the room; no more are taken.");
            }
            answerOf[voterId] = answer;
            tally[answer]++;
        }
    }

    public void ShowTally(bool shown)
    {
        lock (gate)
        {
            tallyShown = shown;
        }
    }

    /// <summary>Starts the reveal: from here no answer is taken, and a second reveal is refused.</summary>
    public void BeginReveal()
    {
        lock (gate)
        {
            if (happened is not null || revealing)
            {
                throw new SimulationInputException("This question is revealed already.");
            }
            revealing = true;
        }
    }

    /// <summary>Ends the reveal: marks the answer that happened, or (the action failed) takes answers again.</summary>
    public void EndReveal(int? happenedAnswer)
    {
        lock (gate)
        {
            revealing = false;
            happened = happenedAnswer;
        }
    }

    /// <summary>The question as <paramref name="viewerId"/> sees it; the tally and the expected answer only where allowed.</summary>
    public QuestionView ViewFor(string viewerId, bool canControl, int maxAnswers)
    {
        lock (gate)
        {
            bool revealed = happened is not null;
            bool seesTally = canControl || tallyShown || revealed;
            return new QuestionView(
                Id, Text, Answers,
                revealed ? QuestionView.Revealed : QuestionView.Open,
                answerOf.Count,
                Math.Max(Math.Max(1, maxAnswers), answerOf.Count),
                seesTally ? [.. tally] : null,
                tallyShown,
                answerOf.TryGetValue(viewerId, out var mine) ? mine : null,
                happened,
                canControl ? Expected : null,
                RevealsBy,
                canControl);
        }
    }

    private static string Checked(string? value, string name, int maxLength)
    {
        string text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new SimulationInputException($"The {name} is empty; write what you are asking.");
        }
        if (text.Length > maxLength)
        {
            throw new SimulationInputException($"The {name} is {text.Length} characters long; at most {maxLength} fit on a student's screen.");
        }
        if (HubInput.HasLoneSurrogate(text))
        {
            throw new SimulationInputException($"The {name} holds half of a character; send whole characters.");
        }
        return text;
    }
}
