using PatternDashboard.Simulation.Kernel.Sequence;

namespace PatternDashboard.Web.Hubs;

public sealed partial class SimulationHub
{
    /// <summary>
    /// The message-sequence diagram of <paramref name="fromSeconds"/> to <paramref name="toSeconds"/> simulated seconds
    /// (at most 120 s long), open to anyone who may watch; see docs/hub-api.md. Replaying costs CPU, so it is rate-limited.
    /// </summary>
    public Task<SequenceDiagram> GetSequenceDiagram(string sessionId, double fromSeconds, double toSeconds, SequenceFilter? filter) =>
        FoundSession(sessionId).GetSequenceDiagramAsync(fromSeconds, toSeconds, filter, Context.ConnectionAborted);
}
