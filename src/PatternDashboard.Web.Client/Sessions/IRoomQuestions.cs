using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// Predict, then reveal, as a page asks it of the server: the instructor's page asks, shows the tally, reveals and
/// dismisses; every page of the room answers once and follows the question. The server checks control and answers;
/// a refusal is a <c>SimulationInputException</c> with the server's words.
/// </summary>
public interface IRoomQuestions
{
    Task<QuestionView> AskQuestionAsync(string roomCode, QuestionInput question);

    Task<QuestionView> AnswerQuestionAsync(string roomCode, string questionId, int answer);

    Task<QuestionView> ShowQuestionTallyAsync(string roomCode, string questionId, bool shown);

    /// <summary>Runs what reveals the question, then marks <paramref name="happened"/> (or the expected answer when null).</summary>
    Task<QuestionView> RevealQuestionAsync(string roomCode, string questionId, int? happened);

    Task DismissQuestionAsync(string roomCode, string questionId);

    /// <summary>The room's question now and after every change, until the room closes or the caller stops.</summary>
    IAsyncEnumerable<RoomQuestionState> WatchQuestionAsync(string roomCode, CancellationToken cancellationToken);
}
