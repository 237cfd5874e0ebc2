using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;

namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>
/// A client process. Open loop: its requests arrive as a Poisson stream, whatever the server does. Closed loop: it
/// sends one request, waits for its answer, thinks, and sends the next. Each request goes to the one server it is
/// configured with; it waits up to the timeout, and with retries on sends the request again after a timeout.
/// </summary>
public sealed class ClientNode : SimulationNode
{
    private readonly ClientServerCluster cluster;
    private readonly Dictionary<long, Call> pending = [];
    private readonly SeededRandom arrivals;
    private readonly SeededRandom extras;
    private NodeTimer? nextArrival;
    private NodeTimer? nextExtra;
    private bool waitingInLoop;

    public ClientNode(ClientServerCluster cluster, string id, string label, int index)
        : base(cluster, id, label)
    {
        this.cluster = cluster;
        Index = index;
        arrivals = Random.Derive("arrivals");
        extras = Random.Derive("extra-arrivals");
    }

    /// <summary>1-based position among the clients; odd and even ones are pinned to different servers when there are two.</summary>
    public int Index { get; }

    /// <summary>Requests sent and not yet answered, timed out or reset.</summary>
    public int Waiting => pending.Count;

    public override void Start() => Reschedule();

    /// <summary>Draws the next arrivals afresh from the current settings (after a change of load or mode).</summary>
    public void Reschedule()
    {
        CancelTimer(nextArrival);
        CancelTimer(nextExtra);
        nextArrival = nextExtra = null;
        var settings = cluster.Settings;
        if (settings.ClosedLoop)
        {
            if (!waitingInLoop)
            {
                Think();
            }
        }
        else
        {
            ScheduleArrival();
        }
        ScheduleExtra();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not WorkReply reply)
        {
            return;
        }
        if (!pending.Remove(reply.RequestId, out var call))
        {
            cluster.Tally.LateAnswers++;
            return;
        }
        CancelTimer(call.Deadline);
        switch (reply.Answer)
        {
            case WorkAnswer.Served:
                cluster.Tally.Answered++;
                cluster.NoteAnswered(Now - call.FirstSent);
                break;
            case WorkAnswer.Rejected:
                cluster.Tally.Rejected++;
                break;
            default:
                cluster.Tally.Reset++;
                break;
        }
        Finished(call);
    }

    private void ScheduleArrival()
    {
        double rate = cluster.Settings.ArrivalsPerSecond / cluster.ClientCount;
        if (rate > 0)
        {
            nextArrival = StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / rate)), () =>
            {
                Send(new Call(Now, null));
                ScheduleArrival();
            });
        }
    }

    private void ScheduleExtra()
    {
        double rate = cluster.Settings.ExtraPerSecond / cluster.ClientCount;
        if (rate > 0)
        {
            nextExtra = StartTimer(extras.NextExponential(TimeSpan.FromSeconds(1 / rate)), () =>
            {
                Send(new Call(Now, null) { Extra = true });
                ScheduleExtra();
            });
        }
    }

    private void Think()
    {
        var think = cluster.Settings.ThinkTime(cluster.ClientCount);
        if (think == TimeSpan.MaxValue)
        {
            return;
        }
        nextArrival = StartTimer(arrivals.NextExponential(think), () =>
        {
            nextArrival = null;
            waitingInLoop = true;
            Send(new Call(Now, null));
        });
    }

    private void Send(Call call)
    {
        long id = cluster.NextRequestId();
        string server = cluster.ServerFor(this);
        cluster.NoteSending(server);
        call.Deadline = StartTimer(cluster.Settings.Timeout, () => TimedOut(id));
        pending.Add(id, call);
        Send(server, new WorkRequest(id));
    }

    private void TimedOut(long requestId)
    {
        if (!pending.Remove(requestId, out var call))
        {
            return;
        }
        if (call.Attempts <= cluster.Settings.Retries)
        {
            cluster.Tally.Retries++;
            call.Attempts++;
            Send(call);
            return;
        }
        cluster.Tally.TimedOut++;
        Finished(call);
    }

    // A closed-loop client thinks again once the request it waited for has ended, however it ended.
    private void Finished(Call call)
    {
        if (cluster.Settings.ClosedLoop && !call.Extra && waitingInLoop)
        {
            waitingInLoop = false;
            Think();
        }
    }

    private sealed class Call(TimeSpan firstSent, NodeTimer? deadline)
    {
        public TimeSpan FirstSent { get; } = firstSent;

        public NodeTimer? Deadline { get; set; } = deadline;

        public int Attempts { get; set; } = 1;

        public bool Extra { get; init; }
    }
}
