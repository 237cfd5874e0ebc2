using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

// What the pattern pages in the browser need beyond streaming and faults: who may change a session, this browser's runs,
// forks, lessons, chart history and events by page. Open to scripts too, documented in docs/hub-api.md.
public sealed partial class SimulationHub
{
    /// <summary>Whether this connection may change the session, and its room when it is a room's.</summary>
    public SessionAccess OpenSession(string sessionId)
    {
        var session = FoundSession(sessionId);
        var room = rooms.FindBySession(session.Id);
        bool canControl = room is not null ? room.HasControl(ControllerId) : !SessionOwnership.IsSomeoneElsesRun(session, OwnerId);
        return new SessionAccess(session.Id, session.Pattern.Id, canControl, room?.Code);
    }

    /// <summary>This connection's (or this browser's) open sessions.</summary>
    public IReadOnlyList<RunSummary> ListMySessions() =>
        [.. sessions.ListByOwner(OwnerId).Where(s => !s.IsClosed)
            .Select(s => new RunSummary(s.Id, s.Pattern.Id, s.Pattern.Title, s.Current.Snapshot.SimulatedTime))];

    /// <summary>"Try it yourself": a private copy of the room's run as it is now, owned by this connection (or browser), paused.</summary>
    public async Task<SessionCreated> ForkRoom(string roomCode)
    {
        var fork = await rooms.ForkAsync(HubInput.Text(roomCode, "room code"), OwnerId, Context.ConnectionAborted);
        return new SessionCreated(fork.Id, fork.Pattern.Id, fork.Current.Snapshot.Seed);
    }

    /// <summary>The pattern's guided lessons, in the lesson file format (docs/lessons.md); an unknown pattern is refused.</summary>
    public IReadOnlyList<Lesson> ListLessons(string patternId) =>
        lessons.ForPattern(patterns.Get(HubInput.Text(patternId, "pattern id")!).Id);

    /// <summary>Starts a lesson of the session's pattern on a fresh run (the lesson's seed and options, time 0).</summary>
    public async Task StartLesson(string sessionId, string lessonId)
    {
        var session = ControlledSession(sessionId);
        string id = HubInput.Text(lessonId, "lesson id")!;
        var lesson = lessons.ForPattern(session.Pattern.Id).FirstOrDefault(l => l.Id == id)
            ?? throw new SimulationInputException($"Unknown lesson '{id}' for {session.Pattern.Id}. ListLessons names them.");
        // A lesson starts its own fresh run, which the other side of a comparison could not follow back to time 0.
        if (comparisons.FindBySession(session.Id) is { } comparison)
        {
            await comparison.EndAsync();
        }
        await session.StartLessonAsync(lesson);
    }

    /// <summary>Shows step <paramref name="stepIndex"/> (from 0) of the session's lesson.</summary>
    public Task GoToLessonStep(string sessionId, int stepIndex) => ControlledSession(sessionId).GoToLessonStepAsync(stepIndex);

    public Task EndLesson(string sessionId) => ControlledSession(sessionId).EndLessonAsync();

    /// <summary>On a prediction step: runs the step's action, which reveals what happens.</summary>
    public Task RevealLessonStep(string sessionId) => ControlledSession(sessionId).RevealLessonStepAsync();

    /// <summary>Each metric's bounded history, for charts that then append the values of each snapshot.</summary>
    public IReadOnlyList<SeriesView> GetSeries(string sessionId) => FoundSession(sessionId).Current.Snapshot.Series;

    /// <summary>Up to <paramref name="max"/> (1 to 500) events after <paramref name="afterSequence"/> still in the log, oldest first.</summary>
    public async Task<IReadOnlyList<EventInfo>> GetEvents(string sessionId, long afterSequence, int max)
    {
        var session = FoundSession(sessionId);
        if (afterSequence < 0 || max is < 1 or > EventBatch)
        {
            throw new SimulationInputException($"afterSequence must be 0 or more and max 1 to {EventBatch}; got {afterSequence} and {max}.");
        }
        var events = await session.GetEventsAsync(afterSequence, max);
        return [.. events.Select(e => new EventInfo(e.Sequence, e.TimeSeconds, e.Node, e.Kind, e.Text))];
    }
}
