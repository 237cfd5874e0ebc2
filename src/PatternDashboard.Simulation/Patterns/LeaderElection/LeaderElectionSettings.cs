using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>The options of a leader-election cluster as typed values, checked against each other.</summary>
public sealed record LeaderElectionSettings(
    int NodeCount,
    TimeSpan ElectionTimeoutMin,
    TimeSpan ElectionTimeoutMax,
    TimeSpan HeartbeatInterval,
    TimeSpan NetworkDelay,
    double ClientWritesPerSecond)
{
    /// <summary>Votes a candidate needs when quorums are intact.</summary>
    public int Majority => NodeCount / 2 + 1;

    /// <summary>
    /// How long the client waits for an answer: long enough for a round trip at the configured delay,
    /// short enough that a crashed node shows up as refused writes within an election or two.
    /// </summary>
    public TimeSpan WriteTimeout =>
        TimeSpan.FromTicks(Math.Max(Math.Max(TimeSpan.FromSeconds(1).Ticks, 2 * ElectionTimeoutMax.Ticks), 5 * NetworkDelay.Ticks));

    /// <summary>Reads resolved options; rules that tie options together throw <see cref="SimulationInputException"/>.</summary>
    public static LeaderElectionSettings From(IReadOnlyDictionary<string, double> options)
    {
        var settings = new LeaderElectionSettings(
            (int)options[Option.NodeCount],
            TimeSpan.FromMilliseconds(options[Option.ElectionTimeoutMinMs]),
            TimeSpan.FromMilliseconds(options[Option.ElectionTimeoutMaxMs]),
            TimeSpan.FromMilliseconds(options[Option.HeartbeatIntervalMs]),
            TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]),
            options[Option.ClientWritesPerSecond]);
        if (settings.ElectionTimeoutMin > settings.ElectionTimeoutMax)
        {
            throw new SimulationInputException(
                $"The election timeout min ({options[Option.ElectionTimeoutMinMs]} ms) must not exceed the max ({options[Option.ElectionTimeoutMaxMs]} ms).");
        }
        if (settings.HeartbeatInterval >= settings.ElectionTimeoutMin)
        {
            throw new SimulationInputException(
                $"The heartbeat interval ({options[Option.HeartbeatIntervalMs]} ms) must be shorter than the election timeout min " +
                $"({options[Option.ElectionTimeoutMinMs]} ms), or followers start elections while the leader is alive.");
        }
        return settings;
    }
}
