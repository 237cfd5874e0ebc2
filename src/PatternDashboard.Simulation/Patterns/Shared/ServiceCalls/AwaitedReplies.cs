using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>
/// Requests a node sent and still awaits replies for, each with its deadline timer: for nodes that handle replies in
/// their message handler rather than awaiting a task. A reply or a deadline takes the call out, whichever comes first;
/// the other then finds nothing. Timers of a crashed node never fire, so a crash only needs <see cref="Clear"/>.
/// </summary>
public sealed class AwaitedReplies<T>
{
    private readonly Dictionary<long, (T Call, NodeTimer Deadline)> calls = [];
    private long nextId = 1;

    public int Count => calls.Count;

    /// <summary>The id the next request goes out with.</summary>
    public long NextId() => nextId++;

    public void Add(long id, T call, NodeTimer deadline) => calls.Add(id, (call, deadline));

    /// <summary>Takes out a call that is still awaited; the caller cancels the returned deadline when a reply ended it.</summary>
    public bool TryTake(long id, out T call, out NodeTimer? deadline)
    {
        if (calls.Remove(id, out var entry))
        {
            (call, deadline) = entry;
            return true;
        }
        (call, deadline) = (default!, null);
        return false;
    }

    public void Clear() => calls.Clear();
}
