using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The events a viewer has fetched, oldest first, bounded like the simulation's own log so that a page left open
/// for days holds at most <see cref="Capacity"/> entries.
/// </summary>
public sealed class EventBuffer(int capacity = SimulationBase.DefaultEventLogCapacity)
{
    private readonly Queue<SimulationEvent> events = new();
    private SimulationEvent[] view = [];
    private int generation;

    public int Capacity { get; } = capacity;

    /// <summary>Sequence of the newest event held, or 0.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The held events, oldest first; a new array after every change, so components can compare references.</summary>
    public IReadOnlyList<SimulationEvent> Items => view;

    public void Append(IEnumerable<SimulationEvent> newEvents)
    {
        bool changed = false;
        foreach (var entry in newEvents)
        {
            if (entry.Sequence <= LastSequence)
            {
                continue;
            }
            events.Enqueue(entry);
            LastSequence = entry.Sequence;
            changed = true;
            while (events.Count > Capacity)
            {
                events.Dequeue();
            }
        }
        if (changed)
        {
            view = [.. events];
        }
    }

    /// <summary>
    /// Fetches the events <paramref name="state"/> announces beyond <see cref="LastSequence"/>. A reset (a new
    /// generation, or a sequence that went back) starts the log again at 1, so the buffer starts again too.
    /// </summary>
    public async Task CatchUpAsync(ISimulationSession session, SessionState state)
    {
        if (state.Generation != generation || state.LastEventSequence < LastSequence)
        {
            Clear();
            generation = state.Generation;
        }
        // Only the newest Capacity events can be kept, so older ones are not worth fetching.
        long after = Math.Max(LastSequence, state.LastEventSequence - Capacity);
        for (int reads = 0; after < state.LastEventSequence && reads < 10; reads++)
        {
            var fresh = await session.GetEventsAsync(after);
            if (fresh.Count == 0)
            {
                break;
            }
            Append(fresh);
            after = fresh[^1].Sequence;
        }
    }

    /// <summary>Forgets everything, e.g. after a reset started the run again from sequence 1.</summary>
    public void Clear()
    {
        events.Clear();
        view = [];
        LastSequence = 0;
    }
}
