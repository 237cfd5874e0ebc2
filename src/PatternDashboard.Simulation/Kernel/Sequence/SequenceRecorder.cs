using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Kernel.Sequence;

/// <summary>
/// Watches a replay and keeps what a window of the diagram needs: the messages that overlap it, the node lifecycle
/// and partition changes, and the faults in force. Messages due before the window starts are never held, so the
/// replay up to the window costs only the observer calls.
/// </summary>
internal sealed class SequenceRecorder : IRunObserver
{
    private readonly SimulationBase simulation;
    private readonly TimeSpan from;
    private readonly TimeSpan to;
    private readonly HashSet<string>? kinds;
    private readonly HashSet<string>? nodes;
    private readonly Dictionary<long, Traced> pending = [];
    private readonly List<Traced> arrows = [];
    private readonly SortedSet<string> seenKinds = new(StringComparer.Ordinal);
    private readonly LaneHistory lanes;
    private readonly Dictionary<string, ActiveFault> openFaults = new(StringComparer.Ordinal);
    private readonly List<FaultSpan> faults = [];
    private long sent, delivered, lost, blocked, duplicated, toDownNode;
    private long nextDroppedId = -1;
    private int lastFaultCount;

    public SequenceRecorder(SimulationBase simulation, TimeSpan from, TimeSpan to, SequenceFilter filter)
    {
        this.simulation = simulation;
        this.from = from;
        this.to = to;
        kinds = filter.Kinds is { Count: > 0 } k ? new HashSet<string>(k, StringComparer.Ordinal) : null;
        nodes = filter.Nodes is { Count: > 0 } n ? new HashSet<string>(n, StringComparer.Ordinal) : null;
        lanes = new LaneHistory(simulation, from, to);
        simulation.Scheduler.EventExecuted += CheckFaultsIfChanged;
        CheckFaults();
    }

    private TimeSpan Now => simulation.Clock.Now;

    // The network's counters are read after RunUntil, which runs every event at or before its time: the window counts after From.
    private bool Counted(TimeSpan time) => time > from && time <= to;

    public void MessageSent(long id, string from, string to, IMessage message, TimeSpan deliverAt, bool duplicate)
    {
        var now = Now;
        if (Counted(now))
        {
            if (duplicate)
            {
                duplicated++;
            }
            else
            {
                sent++;
            }
        }
        if (deliverAt >= this.from && now <= this.to)
        {
            pending[id] = new Traced(id, from, to, message, now, deliverAt, MessageFate.InFlight, duplicate);
        }
    }

    public void MessageDropped(string from, string to, IMessage message, MessageFate fate, TimeSpan wouldArriveAt)
    {
        var now = Now;
        if (Counted(now))
        {
            sent++;
            if (fate == MessageFate.Lost)
            {
                lost++;
            }
            else
            {
                blocked++;
            }
        }
        if (wouldArriveAt >= this.from && now <= this.to)
        {
            Keep(new Traced(nextDroppedId--, from, to, message, now, wouldArriveAt, fate, false));
        }
    }

    public void MessageEnded(long id, MessageFate fate)
    {
        var now = Now;
        if (Counted(now))
        {
            switch (fate)
            {
                case MessageFate.Delivered: delivered++; break;
                case MessageFate.Blocked: blocked++; break;
                default: toDownNode++; break;
            }
        }
        if (pending.Remove(id, out var traced) && now >= from)
        {
            Keep(traced with { EndAt = now, Fate = fate });
        }
    }

    public void LifecycleChanged(SimulationNode node) => lanes.LifecycleChanged(node);

    /// <summary>Notes an instant action (a restart, a heal) given at this moment.</summary>
    public void Instant(FaultDefinition definition, string? target)
    {
        if (Now >= from && Now <= to)
        {
            faults.Add(new FaultSpan(definition.Id, definition.Label, target, Now.TotalSeconds, Now.TotalSeconds));
        }
    }

    /// <summary>Compares the faults in force with the last look; called after every input.</summary>
    public void CheckFaults()
    {
        lastFaultCount = simulation.Faults.Count;
        var active = simulation.Faults.Active;
        foreach (var fault in active)
        {
            openFaults.TryAdd(fault.Id, fault);
        }
        foreach (var id in openFaults.Keys.Where(id => !active.Any(f => f.Id == id)).ToArray())
        {
            var fault = openFaults[id];
            openFaults.Remove(id);
            if (Now >= from)
            {
                faults.Add(new FaultSpan(fault.FaultId, fault.Label, fault.Target, fault.SinceTime, Now.TotalSeconds));
            }
        }
        lanes.NetworkChanged();
    }

    // After every event: a fault may end by itself (a pattern's own timer); the count is the cheap sign of it.
    private void CheckFaultsIfChanged()
    {
        if (simulation.Faults.Count != lastFaultCount)
        {
            CheckFaults();
        }
    }

    public SequenceDiagram Finish(int cap)
    {
        foreach (var traced in pending.Values)
        {
            Keep(traced);
        }
        pending.Clear();
        arrows.Sort((a, b) => a.SentAt != b.SentAt ? a.SentAt.CompareTo(b.SentAt) : a.Id.CompareTo(b.Id));
        var chosen = Thin(arrows, cap);
        foreach (var fault in openFaults.Values.Where(f => f.SinceTime <= to.TotalSeconds))
        {
            faults.Add(new FaultSpan(fault.FaultId, fault.Label, fault.Target, fault.SinceTime, null));
        }
        var (spans, marks) = lanes.Finish();
        return new SequenceDiagram(
            from.TotalSeconds, to.TotalSeconds,
            [.. simulation.Nodes.Select(n => new SequenceLane(n.Id, n.Label))],
            [.. chosen.Select(t => t.ToArrow())],
            arrows.Count, cap, chosen.Count < arrows.Count, [.. seenKinds],
            spans, marks, [.. faults.OrderBy(f => f.From)],
            new SequenceCounts(sent, delivered, lost, blocked, duplicated, toDownNode));
    }

    private void Keep(Traced traced)
    {
        string kind = traced.Message.Kind;
        seenKinds.Add(kind);
        if ((kinds is null || kinds.Contains(kind)) && (nodes is null || nodes.Contains(traced.From) || nodes.Contains(traced.To)))
        {
            arrows.Add(traced);
        }
    }

    /// <summary>Every k-th arrow, evenly over the window, when there are more than the cap.</summary>
    private static IReadOnlyList<Traced> Thin(List<Traced> all, int cap)
    {
        if (all.Count <= cap)
        {
            return all;
        }
        var chosen = new List<Traced>(cap);
        for (int i = 0; i < cap; i++)
        {
            chosen.Add(all[(int)((long)i * all.Count / cap)]);
        }
        return chosen;
    }

    private sealed record Traced(long Id, string From, string To, IMessage Message, TimeSpan SentAt, TimeSpan EndAt, MessageFate Fate, bool Duplicate)
    {
        public SequenceArrow ToArrow() => new(Id, From, To, Message.Kind, SentAt.TotalSeconds, EndAt.TotalSeconds, FateWord(Fate), Duplicate, Contents(Message));
    }

    private static string FateWord(MessageFate fate) => fate switch
    {
        MessageFate.Delivered => SequenceArrow.Delivered,
        MessageFate.Lost => SequenceArrow.Lost,
        MessageFate.Blocked => SequenceArrow.Blocked,
        MessageFate.ToDownNode => SequenceArrow.ToDownNode,
        _ => SequenceArrow.InFlight,
    };

    /// <summary>A record prints its fields; a class without its own ToString prints only its type name, so the kind says as much.</summary>
    private static string Contents(IMessage message)
    {
        string text = message.ToString() ?? "";
        if (text == message.GetType().ToString())
        {
            text = message.Kind;
        }
        return text.Length <= SequenceLimits.MaxContentsLength ? text : string.Concat(text.AsSpan(0, SequenceLimits.MaxContentsLength - 1), "…");
    }
}
