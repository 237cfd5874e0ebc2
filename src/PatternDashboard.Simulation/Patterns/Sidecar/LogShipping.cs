using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// Ships one log buffer to the log store: every interval, one batch of the oldest lines, resent until the store
/// acknowledges it (at least once; the store keeps each line once). Runs inside the node that owns it, on that node's
/// timers, so it stops when the node crashes and resumes from the oldest unacknowledged line when it starts again.
/// </summary>
public sealed class LogShipping(
    LogBuffer buffer,
    TimeSpan interval,
    Func<TimeSpan, Action, NodeTimer> startTimer,
    Action<IMessage> sendToStore,
    Func<int, TimeSpan> processingTime,
    Action<TimeSpan> spend)
{
    public const int MaxBatch = 200;

    /// <summary>How long a batch may wait for its acknowledgement before it is sent again.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(1);

    private long batch;
    private bool busy;

    public LogBuffer Buffer { get; } = buffer;

    public long BatchesSent { get; private set; }

    /// <summary>Begins the shipping loop of a new life of the owner.</summary>
    public void Start()
    {
        busy = false;
        startTimer(interval, Tick);
    }

    public void OnAck(LogAck ack)
    {
        if (ack.Source != Buffer.Source)
        {
            return;
        }
        Buffer.Acknowledge(ack.UpTo);
        busy = false;
        // Behind after an outage: the next batch goes at once rather than at the next tick.
        if (Buffer.Count >= MaxBatch)
        {
            ShipNext();
        }
    }

    private void Tick()
    {
        ShipNext();
        startTimer(interval, Tick);
    }

    private void ShipNext()
    {
        if (busy || Buffer.Count == 0)
        {
            return;
        }
        busy = true;
        long id = ++batch;
        var (first, count) = Buffer.Peek(MaxBatch);
        var work = processingTime(count);
        spend(work);
        startTimer(work, () =>
        {
            sendToStore(new LogBatch(Buffer.Source, first, count));
            BatchesSent++;
            startTimer(AckTimeout, () =>
            {
                if (batch == id && busy)
                {
                    busy = false; // no answer: the next tick sends again from the oldest unacknowledged line
                }
            });
        });
    }
}
