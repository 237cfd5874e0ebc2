using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Sessions;

/// <summary>Builds sessions and managers on a <see cref="ManualClock"/>.</summary>
internal static class SessionFixtures
{
    /// <summary>One tick of the pacer at 60 Hz.</summary>
    public static readonly TimeSpan Frame = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 60);

    public static SimulationSession PingSession(ManualClock clock, long seed = 7, SessionLimits? options = null, Dictionary<string, double>? patternOptions = null) =>
        new("s1", "owner", PingPattern.Descriptor.CreateSimulation(seed, patternOptions), options ?? new SessionLimits(), clock);

    public static SessionManager Manager(ManualClock clock, SessionLimits? options = null) =>
        new(PingPattern.CreateRegistry(), Options.Create(options ?? new SessionLimits()), clock, NullLoggerFactory.Instance);

    /// <summary>Runs <paramref name="frames"/> pacer ticks, moving the wall clock one frame before each.</summary>
    public static void RunFrames(this SimulationSession session, ManualClock clock, int frames)
    {
        for (int i = 0; i < frames; i++)
        {
            clock.Advance(Frame);
            session.Tick();
        }
    }

    public static double Time(this ISimulationSession session) => session.Current.Snapshot.SimulatedTime;

    public static long Events(this ISimulationSession session) => session.Current.Snapshot.EventCount;

    /// <summary>Publishes counted while <paramref name="action"/> runs.</summary>
    public static List<SessionState> Capture(this SimulationSession session, Action action)
    {
        var seen = new List<SessionState>();
        void Add(SessionState s)
        {
            lock (seen)
            {
                seen.Add(s);
            }
        }
        session.StatePublished += Add;
        try
        {
            action();
        }
        finally
        {
            session.StatePublished -= Add;
        }
        return seen;
    }

    public static FaultRequest Fault(string id, string? target = null, double? value = null) => new(id, target, value);

    /// <summary>Waits (up to 10 s of wall time) for work on the thread pool to make a condition true.</summary>
    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true within 10 seconds.");
            }
            await Task.Delay(5);
        }
    }
}
