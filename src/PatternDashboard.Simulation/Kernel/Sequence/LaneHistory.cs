namespace PatternDashboard.Simulation.Kernel.Sequence;

/// <summary>Each node's crashes, pauses and partitions during a replay, kept as spans and marks overlapping one window.</summary>
internal sealed class LaneHistory
{
    private readonly SimulationBase simulation;
    private readonly TimeSpan from;
    private readonly TimeSpan to;
    private readonly Dictionary<string, (NodeLifecycle State, TimeSpan Since)> lifecycles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> cutOffSince = new(StringComparer.Ordinal);
    private readonly List<LaneSpan> spans = [];
    private readonly List<LaneMark> marks = [];

    public LaneHistory(SimulationBase simulation, TimeSpan from, TimeSpan to)
    {
        this.simulation = simulation;
        this.from = from;
        this.to = to;
        foreach (var node in simulation.Nodes)
        {
            lifecycles[node.Id] = (node.Lifecycle, simulation.Clock.Now);
        }
    }

    private TimeSpan Now => simulation.Clock.Now;

    public void LifecycleChanged(SimulationNode node)
    {
        var (before, since) = lifecycles.GetValueOrDefault(node.Id, (NodeLifecycle.Up, Now));
        if (before != NodeLifecycle.Up)
        {
            Close(node.Id, StateWord(before), since, Now);
        }
        lifecycles[node.Id] = (node.Lifecycle, Now);
        if (Now >= from && Now <= to)
        {
            string change = node.Lifecycle switch
            {
                NodeLifecycle.Crashed => "crashed",
                NodeLifecycle.Paused => "paused",
                _ => before == NodeLifecycle.Paused ? "resumed" : "restarted",
            };
            marks.Add(new LaneMark(node.Id, change, Now.TotalSeconds));
        }
    }

    /// <summary>After a fault came or went: which nodes cannot reach, or cannot be reached by, some other node.</summary>
    public void NetworkChanged()
    {
        var ids = simulation.Nodes.Select(n => n.Id).ToArray();
        foreach (var id in ids)
        {
            bool cut = ids.Any(other => other != id && (simulation.Network.IsBlocked(id, other) || simulation.Network.IsBlocked(other, id)));
            bool wasCut = cutOffSince.TryGetValue(id, out var since);
            if (cut && !wasCut)
            {
                cutOffSince[id] = Now;
            }
            else if (!cut && wasCut)
            {
                cutOffSince.Remove(id);
                Close(id, LaneSpan.CutOff, since, Now);
            }
        }
    }

    public (IReadOnlyList<LaneSpan> Spans, IReadOnlyList<LaneMark> Marks) Finish()
    {
        foreach (var (id, (state, since)) in lifecycles)
        {
            if (state != NodeLifecycle.Up)
            {
                Close(id, StateWord(state), since, to);
            }
        }
        foreach (var (id, since) in cutOffSince)
        {
            Close(id, LaneSpan.CutOff, since, to);
        }
        return ([.. spans.OrderBy(s => s.From).ThenBy(s => s.Node, StringComparer.Ordinal)], marks);
    }

    private void Close(string node, string state, TimeSpan since, TimeSpan until)
    {
        if (until >= from && since <= to)
        {
            spans.Add(new LaneSpan(node, state, Math.Max(since.TotalSeconds, from.TotalSeconds), Math.Min(until.TotalSeconds, to.TotalSeconds)));
        }
    }

    private static string StateWord(NodeLifecycle state) => state == NodeLifecycle.Crashed ? LaneSpan.Crashed : LaneSpan.Paused;
}
