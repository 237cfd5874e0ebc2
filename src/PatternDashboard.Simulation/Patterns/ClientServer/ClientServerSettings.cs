using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>How the clients behave right now: load, extra load, timeout and retries. Faults change it while the run goes on.</summary>
/// <param name="ArrivalsPerSecond">The load all clients make together (lambda).</param>
/// <param name="ExtraPerSecond">Open-loop extra load on top (the "add load" fault).</param>
/// <param name="Retries">Times a client sends a request again after a timeout; 0 gives up at the first.</param>
public sealed record ClientServerSettings(bool ClosedLoop, double ArrivalsPerSecond, double ExtraPerSecond, TimeSpan Timeout, int Retries)
{
    public static ClientServerSettings From(IReadOnlyDictionary<string, double> options) => new(
        options[Option.ClosedLoop] == 1, options[Option.ArrivalsPerSecond], 0, TimeSpan.FromMilliseconds(options[Option.TimeoutMs]), 0);

    /// <summary>
    /// A closed-loop client's mean think time: chosen so that with instant answers the clients together would make the
    /// set load. Answers take time, so they make less: they wait instead of piling up.
    /// </summary>
    public TimeSpan ThinkTime(int clients) => ArrivalsPerSecond <= 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(clients / ArrivalsPerSecond);

    public string ModeWord => ClosedLoop ? "closed-loop" : "open-loop";
}
