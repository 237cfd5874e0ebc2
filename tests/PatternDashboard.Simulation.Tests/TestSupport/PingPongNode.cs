using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Tests.TestSupport;

public sealed record Ping(int Number) : IMessage
{
    public string Kind => "ping";
}

public sealed record Pong(int Number) : IMessage
{
    public string Kind => "pong";
}

/// <summary>Tells the receiving node to pause itself while it handles the message.</summary>
public sealed record Sleep : IMessage
{
    public string Kind => "sleep";
}

/// <summary>
/// A node that answers every ping with a pong, can ping a peer periodically, and writes down everything it
/// handles ("ping 3 from a", "timer t1") so tests can assert what happened and in which order.
/// </summary>
public sealed class PingPongNode(SimulationBase simulation, string id, string? peer = null, TimeSpan? pingInterval = null)
    : SimulationNode(simulation, id, id.ToUpperInvariant())
{
    private int nextPing = 1;

    /// <summary>What the node handled, in order, with the simulated time.</summary>
    public List<(TimeSpan Time, string What)> Handled { get; } = [];

    public IEnumerable<string> HandledWhat => Handled.Select(h => h.What);

    public int Crashes { get; private set; }

    public int Restarts { get; private set; }

    public override void Start()
    {
        if (peer is not null && pingInterval is { } interval)
        {
            StartTimer(interval, PingPeer);
        }
    }

    public void SendTo(string to, IMessage message) => Send(to, message);

    /// <summary>Starts a timer that writes "timer {name}" when it fires.</summary>
    public NodeTimer After(TimeSpan delay, string name) => StartTimer(delay, () => Note($"timer {name}"));

    public void Cancel(NodeTimer timer) => CancelTimer(timer);

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case Ping ping:
                Note($"ping {ping.Number} from {from}");
                Send(from, new Pong(ping.Number));
                break;
            case Pong pong:
                Note($"pong {pong.Number} from {from}");
                break;
            case Sleep:
                Note($"sleep from {from}");
                Pause();
                break;
        }
    }

    protected override void OnCrash() => Crashes++;

    protected override void OnRestart()
    {
        Restarts++;
        Start();
    }

    private void PingPeer()
    {
        Send(peer!, new Ping(nextPing++));
        // A little seeded jitter so that different seeds give different runs.
        StartTimer(pingInterval!.Value + Random.NextTime(TimeSpan.Zero, TimeSpan.FromMilliseconds(20)), PingPeer);
    }

    private void Note(string what)
    {
        Handled.Add((Now, what));
        Log("handled", what);
    }
}
