using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Rooms;

// Predict, then reveal: at most one question per room at a time, gone with the room. Every change wakes the viewers
// that follow the question (WaitForChangeAsync), who then read the view that is theirs.
public sealed partial class Room
{
    private readonly Lock questionGate = new();
    private RoomQuestion? question;
    private int questionsAsked;
    private TaskCompletionSource questionChanged = NewSignal();

    /// <summary>The question asked now (open or revealed), or null.</summary>
    public RoomQuestion? Question
    {
        get
        {
            lock (questionGate)
            {
                return question;
            }
        }
    }

    /// <summary>Asks a new question; refused while another is still open (not yet revealed).</summary>
    public RoomQuestion Ask(Func<string, RoomQuestion> create)
    {
        lock (questionGate)
        {
            if (question is { IsRevealed: false })
            {
                throw new SimulationInputException("A question is open already; reveal it or take it down before asking the next one.");
            }
            var asked = create($"q{++questionsAsked}");
            question = asked;
            SignalLocked();
            return asked;
        }
    }

    /// <summary>The question with this id, or an error saying it is no longer asked.</summary>
    public RoomQuestion QuestionById(string? questionId)
    {
        lock (questionGate)
        {
            return question is { } q && q.Id == questionId ? q
                : throw new SimulationInputException(question is null
                    ? "No question is asked in this room right now."
                    : $"Question {questionId} is no longer asked here; the room's question now is {question.Id}.");
        }
    }

    /// <summary>Takes the question down; an id that is no longer asked does nothing.</summary>
    public void Dismiss(string? questionId)
    {
        lock (questionGate)
        {
            if (question is { } q && q.Id == questionId)
            {
                question = null;
                SignalLocked();
            }
        }
    }

    /// <summary>Tells the question's followers that something changed (an answer, the tally shown, a reveal).</summary>
    public void QuestionUpdated()
    {
        lock (questionGate)
        {
            SignalLocked();
        }
    }

    /// <summary>Completes at the next change of the room's question.</summary>
    public Task WaitForQuestionChangeAsync(CancellationToken cancellationToken)
    {
        Task changed;
        lock (questionGate)
        {
            changed = questionChanged.Task;
        }
        return changed.WaitAsync(cancellationToken);
    }

    private void SignalLocked()
    {
        var fired = questionChanged;
        questionChanged = NewSignal();
        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
