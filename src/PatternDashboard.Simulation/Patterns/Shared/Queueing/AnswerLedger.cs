namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>
/// A server's book of the requests it accepted and has not answered yet. Answering one twice, or one it never accepted,
/// is counted, never thrown, so a monitor can show it. Memory is bounded by what the server holds at once.
/// </summary>
public sealed class AnswerLedger
{
    private readonly HashSet<long> open = [];

    public long Accepted { get; private set; }

    public long Answered { get; private set; }

    /// <summary>Answers to requests that were not open: answered before, or never accepted.</summary>
    public long StrayAnswers { get; private set; }

    public long LastStray { get; private set; }

    public int Open => open.Count;

    public void Accept(long requestId)
    {
        if (open.Add(requestId))
        {
            Accepted++;
        }
        else
        {
            StrayAnswers++;
            LastStray = requestId;
        }
    }

    public void Answer(long requestId)
    {
        if (open.Remove(requestId))
        {
            Answered++;
        }
        else
        {
            StrayAnswers++;
            LastStray = requestId;
        }
    }
}
