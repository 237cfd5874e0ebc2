using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// What a pattern page asks of the server for this browser: its runs, rooms, and a pattern's lessons. In the browser
/// every call goes through the public hub; a page rendered on the server uses the server's managers directly.
/// A limit refuses with <see cref="SessionLimitException"/>; bad input with a <c>SimulationInputException</c>.
/// </summary>
public interface IPageBackend : IRoomQuestions
{
    /// <summary>A new run of the pattern, owned by this browser, paused at time 0.</summary>
    Task<ISimulationSession> CreateRunAsync(string patternId);

    /// <summary>The open run with this id, or null when it has ended. A run this browser did not make comes back watch-only.</summary>
    Task<OpenedRun?> OpenRunAsync(string sessionId);

    /// <summary>This browser's open runs, offered when a limit refuses a new one.</summary>
    Task<IReadOnlyList<RunSummary>> ListMyRunsAsync();

    Task CloseRunAsync(string sessionId);

    /// <summary>Opens a room this browser controls; its instructor key is handed out here once.</summary>
    Task<OpenedRoom> CreateRoomAsync(string patternId);

    /// <summary>Opens a room that starts as this browser's run <paramref name="sessionId"/> is now; this browser controls it.</summary>
    Task<OpenedRoom> CreateRoomFromRunAsync(string sessionId);

    /// <summary>The room with this code, watched, or controlled when <paramref name="instructorKey"/> matches; null when there is none.</summary>
    Task<OpenedRoom?> OpenRoomAsync(string roomCode, string? instructorKey);

    /// <summary>"Try it yourself": a private copy of the room's run as it is now, owned by this browser; its session id.</summary>
    Task<string> ForkRoomAsync(string roomCode);

    Task<IReadOnlyList<Lesson>> LessonsAsync(string patternId);

    /// <summary>Compares run <paramref name="sessionId"/>, which this browser controls, with a copy differing in one thing.</summary>
    Task<ComparisonInfo> CreateComparisonAsync(string sessionId, CompareInput difference);

    /// <summary>The side with the difference, watched, and (when <paramref name="control"/>) the comparison to drive both with.</summary>
    Task<OpenedComparison> OpenComparisonAsync(ComparisonInfo info, bool control);

    /// <summary>Opens a comparison file as two new runs of this browser.</summary>
    Task<ComparisonInfo> ImportComparisonAsync(ComparisonRecording file);
}

/// <summary>A comparison as a page shows it: the run with the difference, and the driver when this page controls the pair.</summary>
public sealed record OpenedComparison(ComparisonInfo Info, ISimulationSession With, ISessionComparison? Driver);

/// <summary>A run found by id. <paramref name="RoomCode"/> is set when it is a room's run (then it is watched, not controlled).</summary>
public sealed record OpenedRun(ISimulationSession Session, bool CanControl, string? RoomCode)
{
    /// <summary>What a page says when its address names another browser's run.</summary>
    public const string ReadOnlyNotice =
        "This run belongs to someone else, so you are watching it read-only. To try things yourself, open the pattern " +
        "from the menu for a run of your own.";
}

/// <summary>A room as a page shows it. <paramref name="InstructorKey"/> is known only to the page that controls it.</summary>
public sealed record OpenedRoom(string Code, string PatternId, ISimulationSession Session, bool CanControl, string? InstructorKey);

/// <summary>One of this browser's runs, in the list a refused page offers.</summary>
public sealed record RunSummary(string SessionId, string PatternId, string PatternTitle, double SimulatedTime);
