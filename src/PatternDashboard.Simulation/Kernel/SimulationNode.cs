using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Kernel;

/// <summary>Where a node is in its life.</summary>
public enum NodeLifecycle
{
    Up,

    /// <summary>Stopped: it loses its volatile state, drops messages and its timers never fire.</summary>
    Crashed,

    /// <summary>Frozen (a long GC pause, a stalled VM): messages and timers wait and run when it resumes.</summary>
    Paused,
}

/// <summary>
/// A process of the simulated cluster. It talks only through the network and acts only on its own timers,
/// and the lifecycle is enforced here so that a crashed node really stops answering.
/// </summary>
public abstract class SimulationNode
{
    private readonly List<Action> heldWhilePaused = [];
    // Bumped on crash and restart so that timers from an earlier life never fire.
    private int incarnation;

    protected SimulationNode(SimulationBase simulation, string id, string label)
    {
        Simulation = simulation;
        Id = id;
        Label = label;
        Random = simulation.Random.Derive($"node:{id}");
    }

    public string Id { get; }

    public string Label { get; }

    public NodeLifecycle Lifecycle { get; private set; } = NodeLifecycle.Up;

    public bool IsUp => Lifecycle == NodeLifecycle.Up;

    protected SimulationBase Simulation { get; }

    protected SeededRandom Random { get; }

    protected TimeSpan Now => Simulation.Clock.Now;

    /// <summary>Called once when the simulation starts.</summary>
    public virtual void Start()
    {
    }

    /// <summary>Handles a message that reached this node.</summary>
    protected abstract void OnMessage(string from, IMessage message);

    /// <summary>Drops volatile state; what survives a crash (a disk) is the subclass's to keep.</summary>
    protected virtual void OnCrash()
    {
    }

    /// <summary>Comes back from a crash with whatever state survived it.</summary>
    protected virtual void OnRestart()
    {
    }

    protected void Send(string to, IMessage message) => Simulation.Network.Send(Id, to, message);

    protected void Log(string kind, string text) => Simulation.Log.Append(Id, kind, text);

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> unless the node crashes first or the timer is cancelled.</summary>
    protected NodeTimer StartTimer(TimeSpan delay, Action action)
    {
        // The timer carries what firing needs: one delegate per timer, no closure besides.
        var timer = new NodeTimer(Now + delay) { Owner = this, Life = incarnation, Action = action };
        timer.Handle = Simulation.Scheduler.Schedule(delay, timer.Fire);
        return timer;
    }

    protected void CancelTimer(NodeTimer? timer)
    {
        if (timer is not null)
        {
            timer.Cancelled = true;
            Simulation.Scheduler.Cancel(timer.Handle);
        }
    }

    internal void Deliver(string from, IMessage message)
    {
        switch (Lifecycle)
        {
            case NodeLifecycle.Up:
                OnMessage(from, message);
                break;
            case NodeLifecycle.Paused:
                HoldMessage(from, message);
                break;
        }
    }

    // Kept apart from Deliver: a lambda there would allocate its captures on every delivery, paused or not.
    private void HoldMessage(string from, IMessage message) => heldWhilePaused.Add(() => OnMessage(from, message));

    public void Crash()
    {
        if (Lifecycle == NodeLifecycle.Crashed)
        {
            return;
        }
        Lifecycle = NodeLifecycle.Crashed;
        incarnation++;
        heldWhilePaused.Clear();
        OnCrash();
        Log("lifecycle", $"{Label} crashed");
        Simulation.Network.Observer?.LifecycleChanged(this);
    }

    public void Restart()
    {
        if (Lifecycle != NodeLifecycle.Crashed)
        {
            return;
        }
        Lifecycle = NodeLifecycle.Up;
        incarnation++;
        Log("lifecycle", $"{Label} restarted");
        Simulation.Network.Observer?.LifecycleChanged(this);
        OnRestart();
    }

    public void Pause()
    {
        if (Lifecycle != NodeLifecycle.Up)
        {
            return;
        }
        Lifecycle = NodeLifecycle.Paused;
        Log("lifecycle", $"{Label} paused");
        Simulation.Network.Observer?.LifecycleChanged(this);
    }

    /// <summary>Wakes a paused node: everything that arrived or fell due while it slept runs now, in order.</summary>
    public void Resume()
    {
        if (Lifecycle != NodeLifecycle.Paused)
        {
            return;
        }
        Lifecycle = NodeLifecycle.Up;
        Log("lifecycle", $"{Label} resumed with {heldWhilePaused.Count} pending messages and timers");
        Simulation.Network.Observer?.LifecycleChanged(this);
        var held = heldWhilePaused.ToArray();
        heldWhilePaused.Clear();
        int life = incarnation;
        for (int i = 0; i < held.Length; i++)
        {
            if (incarnation != life || Lifecycle == NodeLifecycle.Crashed)
            {
                break;
            }
            if (Lifecycle == NodeLifecycle.Paused)
            {
                // A handler paused the node again: what is left waits for the next resume, still in order.
                heldWhilePaused.InsertRange(0, held[i..]);
                break;
            }
            held[i]();
        }
    }

    internal void Fire(NodeTimer timer)
    {
        int life = timer.Life;
        var action = timer.Action!;
        if (timer.Cancelled || life != incarnation)
        {
            return;
        }
        if (Lifecycle == NodeLifecycle.Paused)
        {
            HoldTimer(timer, life, action);
            return;
        }
        action();
    }

    // Kept apart from Fire so that only a paused node pays for the closure.
    private void HoldTimer(NodeTimer timer, int life, Action action) =>
        heldWhilePaused.Add(() =>
        {
            if (!timer.Cancelled && life == incarnation)
            {
                action();
            }
        });
}

/// <summary>A timer a node started; it knows when it is due so a view can draw its progress.</summary>
public sealed class NodeTimer(TimeSpan dueAt)
{
    public TimeSpan DueAt { get; } = dueAt;

    internal EventHandle Handle { get; set; }

    internal bool Cancelled { get; set; }

    internal SimulationNode? Owner { get; init; }

    /// <summary>The owner's incarnation when the timer started: a timer from an earlier life never fires.</summary>
    internal int Life { get; init; }

    internal Action? Action { get; init; }

    internal void Fire() => Owner!.Fire(this);
}
