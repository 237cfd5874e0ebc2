using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Classroom;

/// <summary>Turns a checked recording into a new session of the person's own, and names the page that shows it.</summary>
public static class RecordingOpener
{
    /// <summary>
    /// Replays the recording into a new paused session owned by <paramref name="ownerId"/>. The manager checks the
    /// pattern, options, inputs and replay limits; a problem throws <see cref="SimulationInputException"/> or
    /// <see cref="SessionLimitException"/> and creates nothing.
    /// </summary>
    public static Task<ISimulationSession> OpenAsync(ISessionManager sessions, string ownerId, Recording recording) =>
        // Replaying is CPU work; it must not hold the circuit's thread.
        Task.Run(() => sessions.Import(ownerId, recording));

    /// <summary>The pattern page watching <paramref name="session"/>.</summary>
    public static string PageFor(ISimulationSession session) =>
        DashboardUrls.Session(session.Pattern.Id, session.Id);

    /// <summary>True for the errors a person caused (a bad file or link, a limit), whose message is written for them.</summary>
    public static bool IsExpected(Exception e) => e is SimulationInputException or SessionLimitException;
}
