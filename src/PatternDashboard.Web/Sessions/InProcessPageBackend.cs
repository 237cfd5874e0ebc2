using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions.Comparisons;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// The page backend of a page rendered on the server: the session and room managers in this process, acting for the
/// browser whose id the server's router sets (<see cref="BrowserId"/>). One per circuit.
/// </summary>
public sealed partial class InProcessPageBackend(ISessionManager sessions, IRoomManager rooms, LessonLibrary lessons, ComparisonManager comparisons) : IPageBackend
{
    /// <summary>The browser this circuit serves, from its cookie; pages before it is known act as "anonymous".</summary>
    public string? BrowserId { get; set; }

    private string Owner => BrowserId ?? "anonymous";

    public Task<ISimulationSession> CreateRunAsync(string patternId) =>
        Task.FromResult(sessions.Create(Owner, patternId, new CreateSessionRequest()));

    public Task<OpenedRun?> OpenRunAsync(string sessionId)
    {
        if (sessions.Find(sessionId) is not { IsClosed: false } session)
        {
            return Task.FromResult<OpenedRun?>(null);
        }
        OpenedRun opened = rooms.FindBySession(session.Id) is { } room
            ? new(new WatchOnlySession(session, room.Code), false, room.Code)
            : SessionOwnership.IsSomeoneElsesRun(session, Owner)
                // A shared link hands over a view of someone else's run, never control of it.
                ? new(WatchOnlySession.OfPrivateRun(session), false, null)
                : new(session, true, null);
        return Task.FromResult<OpenedRun?>(opened);
    }

    public Task<IReadOnlyList<RunSummary>> ListMyRunsAsync() => Task.FromResult<IReadOnlyList<RunSummary>>(
        [.. sessions.ListByOwner(Owner).Where(s => !s.IsClosed)
            .Select(s => new RunSummary(s.Id, s.Pattern.Id, s.Pattern.Title, s.Current.Snapshot.SimulatedTime))]);

    public Task CloseRunAsync(string sessionId)
    {
        if (sessions.Find(sessionId) is { } session)
        {
            SessionOwnership.CheckOwner(session, Owner);
            sessions.Close(session.Id);
        }
        return Task.CompletedTask;
    }

    public Task<OpenedRoom> CreateRoomAsync(string patternId)
    {
        var created = rooms.Create(Owner, patternId, new CreateSessionRequest());
        Control(created.Room.Code);
        return Task.FromResult(new OpenedRoom(created.Room.Code, patternId, created.Room.Session, true, created.InstructorKey));
    }

    public async Task<OpenedRoom> CreateRoomFromRunAsync(string sessionId)
    {
        var created = await rooms.CreateFromAsync(Owner, sessions.Get(sessionId));
        Control(created.Room.Code);
        return new OpenedRoom(created.Room.Code, created.Room.Session.Pattern.Id, created.Room.Session, true, created.InstructorKey);
    }

    public Task<OpenedRoom?> OpenRoomAsync(string roomCode, string? instructorKey)
    {
        if (rooms.Find(roomCode) is not { } room)
        {
            return Task.FromResult<OpenedRoom?>(null);
        }
        bool control = room.IsInstructorKey(instructorKey);
        if (control)
        {
            Control(room.Code);
        }
        var session = control ? room.Session : new WatchOnlySession(room.Session, room.Code);
        return Task.FromResult<OpenedRoom?>(new(room.Code, room.Session.Pattern.Id, session, control, control ? instructorKey : null));
    }

    public async Task<string> ForkRoomAsync(string roomCode) => (await rooms.ForkAsync(roomCode, Owner)).Id;

    public Task<IReadOnlyList<Lesson>> LessonsAsync(string patternId) => Task.FromResult(lessons.ForPattern(patternId));

    public async Task<ComparisonInfo> CreateComparisonAsync(string sessionId, CompareInput difference)
    {
        var session = sessions.Get(sessionId);
        if (rooms.FindBySession(session.Id) is { } room && !Controls(room))
        {
            throw new SimulationInputException("Only the room's instructor may start a comparison in it.");
        }
        SessionOwnership.CheckOwner(session, Owner);
        return (await comparisons.CreateAsync(session, difference)).Info;
    }

    public Task<OpenedComparison> OpenComparisonAsync(ComparisonInfo info, bool control)
    {
        var comparison = comparisons.Get(info.Id);
        ISimulationSession with = control ? comparison.With : WatchOnlySession.OfPrivateRun(comparison.With);
        return Task.FromResult(new OpenedComparison(comparison.Info, with, control ? comparison : null));
    }

    public async Task<ComparisonInfo> ImportComparisonAsync(ComparisonRecording file) => (await comparisons.ImportAsync(Owner, file)).Info;
}
