using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Network;

/// <summary>What became of a message.</summary>
public enum MessageFate
{
    Delivered,
    Lost,
    Blocked,
    ToDownNode,
    InFlight,
}

/// <summary>
/// Watches a run message by message and node by node, for the message-sequence diagram. Set on
/// <see cref="SimulatedNetwork.Observer"/>; it must only look, never draw randomness or change the run.
/// </summary>
public interface IRunObserver
{
    /// <summary>A copy left <paramref name="from"/> and is due at <paramref name="deliverAt"/>; a duplicate is the second copy of one send.</summary>
    void MessageSent(long id, string from, string to, IMessage message, TimeSpan deliverAt, bool duplicate);

    /// <summary>A send that never left: lost at random or blocked by a partition. <paramref name="wouldArriveAt"/> is where the drawing puts its cross.</summary>
    void MessageDropped(string from, string to, IMessage message, MessageFate fate, TimeSpan wouldArriveAt);

    /// <summary>A copy reached its end: delivered, cut by a partition that formed on the way, or to a crashed node.</summary>
    void MessageEnded(long id, MessageFate fate);

    /// <summary>A node crashed, restarted, paused or resumed; its <see cref="SimulationNode.Lifecycle"/> is the new state.</summary>
    void LifecycleChanged(SimulationNode node);
}
