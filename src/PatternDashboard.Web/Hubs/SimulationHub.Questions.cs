using System.Runtime.CompilerServices;
using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Hubs;

// Predict, then reveal: the room's instructor asks, every viewer answers once, the instructor reveals.
public sealed partial class SimulationHub
{
    /// <summary>Asks the room a question (instructor only); refused while another is open.</summary>
    public QuestionView AskQuestion(string roomCode, QuestionInput? question)
    {
        var room = RoomOf(roomCode);
        return RoomPredictions.Ask(room, OwnerId, room.HasControl(ControllerId), question);
    }

    /// <summary>This viewer's answer (from 0), once per browser or connection, at most one per viewer of the room.</summary>
    public QuestionView AnswerQuestion(string roomCode, string questionId, int answer)
    {
        var room = RoomOf(roomCode);
        return RoomPredictions.Answer(room, OwnerId, room.HasControl(ControllerId), HubInput.Text(questionId, "question id"), answer);
    }

    /// <summary>Shows the tally to the students, or hides it again (instructor only).</summary>
    public QuestionView ShowQuestionTally(string roomCode, string questionId, bool shown)
    {
        var room = RoomOf(roomCode);
        return RoomPredictions.ShowTally(room, OwnerId, room.HasControl(ControllerId), HubInput.Text(questionId, "question id"), shown);
    }

    /// <summary>Runs the question's reveal action on the room's run and marks what happened (instructor only).</summary>
    /// <param name="happened">The answer that happened, from 0; left out, the expected answer given when asking.</param>
    public Task<QuestionView> RevealQuestion(string roomCode, string questionId, int? happened)
    {
        var room = RoomOf(roomCode);
        return RoomPredictions.RevealAsync(room, OwnerId, room.HasControl(ControllerId), HubInput.Text(questionId, "question id"), happened);
    }

    /// <summary>Takes the question down (instructor only).</summary>
    public void DismissQuestion(string roomCode, string questionId)
    {
        var room = RoomOf(roomCode);
        RoomPredictions.Dismiss(room, room.HasControl(ControllerId), HubInput.Text(questionId, "question id"));
    }

    /// <summary>The room's question as this connection sees it, or a null question.</summary>
    public RoomQuestionState GetQuestion(string roomCode)
    {
        var room = RoomOf(roomCode);
        return RoomPredictions.View(room, OwnerId, room.HasControl(ControllerId));
    }

    /// <summary>The room's question now and after every change (at most four a second), until the room closes.</summary>
    public IAsyncEnumerable<RoomQuestionState> StreamQuestion(string roomCode, CancellationToken cancellationToken)
    {
        var room = RoomOf(roomCode);
        string controller = ControllerId;
        return LoggingFailures(RoomPredictions.WatchAsync(room, OwnerId, () => room.HasControl(controller), cancellationToken), nameof(StreamQuestion), cancellationToken);
    }

    private Room RoomOf(string roomCode) => rooms.Get(HubInput.Text(roomCode, "room code"));
}
