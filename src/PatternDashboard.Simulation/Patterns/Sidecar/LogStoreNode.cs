using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// The central log store (an Elasticsearch or Loki outside the pod). Per source it keeps the lines it holds as one
/// contiguous range from line 1, on disk, so a crash loses nothing; a batch that starts past the end of that range
/// means lines were lost on the way, and the gap is counted.
/// </summary>
public sealed class LogStoreNode(SimulationBase simulation) : SimulationNode(simulation, SidecarPattern.LogStoreId, "Log store")
{
    private readonly Dictionary<string, (long UpTo, long Gaps)> sources = new(StringComparer.Ordinal)
    {
        [SidecarPattern.LogSource.Shipper] = (0, 0),
        [SidecarPattern.LogSource.App] = (0, 0),
    };

    public long StoredUpTo(string source) => sources.GetValueOrDefault(source).UpTo;

    /// <summary>Lines of a source that never arrived before later ones did.</summary>
    public long Gaps(string source) => sources.GetValueOrDefault(source).Gaps;

    public long Stored => sources.Values.Sum(s => s.UpTo - s.Gaps);

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not LogBatch batch || !sources.TryGetValue(batch.Source, out var known))
        {
            return;
        }
        long last = batch.First + batch.Count - 1;
        if (last > known.UpTo)
        {
            long gap = Math.Max(0, batch.First - known.UpTo - 1);
            known = (last, known.Gaps + gap);
            sources[batch.Source] = known;
        }
        Send(from, new LogAck(batch.Source, known.UpTo));
    }
}
