using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>
/// A server with a fixed number of workers and one FIFO queue in front of them. A request that finds a free worker
/// starts at once, one that finds them all busy waits its turn, and one that finds the queue full is rejected at
/// the door. Each accepted request gets exactly one answer: served, or reset when the server dies holding it.
/// It keeps exact time integrals (busy workers, requests held) for utilization and Little's law.
/// </summary>
public sealed class QueueingServer : SimulationNode
{
    private readonly Queue<Held> queue = new();
    private readonly Dictionary<long, Held> inService = [];
    private readonly SeededRandom work;
    private TimeSpan lastChange;
    private double busyArea;
    private double heldArea;

    public QueueingServer(SimulationBase simulation, string id, string label, int workers, int queueLimit, ServiceTime serviceTime)
        : base(simulation, id, label)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        Workers = workers;
        QueueLimit = queueLimit;
        ServiceTime = serviceTime;
        work = Random.Derive("service-times");
    }

    public int Workers { get; }

    public int QueueLimit { get; }

    public ServiceTime ServiceTime { get; }

    /// <summary>Each request takes this many times its drawn service time (a slow disk, a noisy neighbour); 1 is normal.</summary>
    public double Slowdown { get; set; } = 1;

    /// <summary>Runs when a request is served, with its time in the server (queue plus service).</summary>
    public Action<TimeSpan>? Served { get; init; }

    public AnswerLedger Ledger { get; } = new();

    public int Busy => inService.Count;

    public int Queued => queue.Count;

    /// <summary>Requests held: waiting or being worked on (the "L" of Little's law).</summary>
    public int InSystem => queue.Count + inService.Count;

    public long Rejected { get; private set; }

    public long Resets { get; private set; }

    public long ServedCount { get; private set; }

    /// <summary>Worker-seconds spent working since the start.</summary>
    public double BusySeconds => busyArea + Busy * (Now - lastChange).TotalSeconds;

    /// <summary>Request-seconds held (waiting or in service) since the start: its growth over time is the mean L.</summary>
    public double HeldSeconds => heldArea + InSystem * (Now - lastChange).TotalSeconds;

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not WorkRequest request)
        {
            return;
        }
        if (inService.Count < Workers)
        {
            Integrate();
            Ledger.Accept(request.RequestId);
            Begin(new Held(request.RequestId, from, Now));
        }
        else if (queue.Count < QueueLimit)
        {
            Integrate();
            Ledger.Accept(request.RequestId);
            queue.Enqueue(new Held(request.RequestId, from, Now));
        }
        else
        {
            Rejected++;
            Send(from, new WorkReply(request.RequestId, WorkAnswer.Rejected));
        }
    }

    protected override void OnCrash()
    {
        Integrate();
        // The process dies, its host's network stack lives on and resets every open connection: each client learns at once.
        foreach (var held in inService.Values.OrderBy(h => h.RequestId).Concat(queue))
        {
            Resets++;
            Ledger.Answer(held.RequestId);
            Send(held.Client, new WorkReply(held.RequestId, WorkAnswer.Reset));
        }
        inService.Clear();
        queue.Clear();
    }

    private void Begin(Held held)
    {
        inService.Add(held.RequestId, held);
        var duration = ServiceTime.Draw(work) * Slowdown;
        StartTimer(duration, () => Finish(held));
    }

    private void Finish(Held held)
    {
        Integrate();
        inService.Remove(held.RequestId);
        ServedCount++;
        Ledger.Answer(held.RequestId);
        Send(held.Client, new WorkReply(held.RequestId, WorkAnswer.Served));
        Served?.Invoke(Now - held.AcceptedAt);
        if (queue.Count > 0 && inService.Count < Workers)
        {
            Begin(queue.Dequeue());
        }
    }

    // The areas under "busy workers" and "requests held" grow by their value times the time since the last change.
    private void Integrate()
    {
        double elapsed = (Now - lastChange).TotalSeconds;
        busyArea += Busy * elapsed;
        heldArea += InSystem * elapsed;
        lastChange = Now;
    }

    private sealed record Held(long RequestId, string Client, TimeSpan AcceptedAt);
}
