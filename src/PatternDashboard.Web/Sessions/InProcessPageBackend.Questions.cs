using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Sessions;

// A room's prediction question for a page rendered on the server: this browser answers, and controls the rooms whose
// instructor key it presented.
public sealed partial class InProcessPageBackend
{
    private readonly HashSet<string> controlledRooms = new(StringComparer.Ordinal);

    public Task<QuestionView> AskQuestionAsync(string roomCode, QuestionInput question)
    {
        var room = rooms.Get(roomCode);
        return Task.FromResult(RoomPredictions.Ask(room, Owner, Controls(room), question));
    }

    public Task<QuestionView> AnswerQuestionAsync(string roomCode, string questionId, int answer)
    {
        var room = rooms.Get(roomCode);
        return Task.FromResult(RoomPredictions.Answer(room, Owner, Controls(room), questionId, answer));
    }

    public Task<QuestionView> ShowQuestionTallyAsync(string roomCode, string questionId, bool shown)
    {
        var room = rooms.Get(roomCode);
        return Task.FromResult(RoomPredictions.ShowTally(room, Owner, Controls(room), questionId, shown));
    }

    public Task<QuestionView> RevealQuestionAsync(string roomCode, string questionId, int? happened)
    {
        var room = rooms.Get(roomCode);
        return RoomPredictions.RevealAsync(room, Owner, Controls(room), questionId, happened);
    }

    public Task DismissQuestionAsync(string roomCode, string questionId)
    {
        var room = rooms.Get(roomCode);
        RoomPredictions.Dismiss(room, Controls(room), questionId);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<RoomQuestionState> WatchQuestionAsync(string roomCode, CancellationToken cancellationToken)
    {
        var room = rooms.Get(roomCode);
        return RoomPredictions.WatchAsync(room, Owner, () => Controls(room), cancellationToken);
    }

    private bool Controls(Room room) => controlledRooms.Contains(room.Code);

    private void Control(string roomCode) => controlledRooms.Add(roomCode);
}
