using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>
/// A client outside the cluster that sends writes over the network at a steady rate. Like a real Raft
/// client it remembers the leader it was redirected to and picks a random node when it knows none, so a
/// stable cluster accepts nearly every write and an election shows up as a burst of refusals and timeouts.
/// </summary>
public sealed class ClientNode : SimulationNode
{
    public const string ClientId = LeaderElectionPattern.ClientId;

    private readonly LeaderElectionCluster cluster;
    private readonly IReadOnlyList<string> members;
    private readonly Dictionary<long, NodeTimer> pending = [];
    private long nextWriteId = 1;
    private long refusedInARow;
    // Outcomes of writes sent before the latest accepted one are old news: counted, but they change nothing.
    private long lastAcceptedWriteId;
    private string? lastAcceptor;

    internal ClientNode(LeaderElectionCluster cluster, IReadOnlyList<string> members)
        : base(cluster, ClientId, "Client")
    {
        this.cluster = cluster;
        this.members = members;
    }

    public long Sent { get; private set; }

    public long Accepted { get; private set; }

    /// <summary>Writes refused (redirected or no quorum) plus writes that timed out.</summary>
    public long Rejected { get; private set; }

    public long TimedOut { get; private set; }

    public int Pending => pending.Count;

    /// <summary>The node the next write goes to, or null when the client will pick one at random.</summary>
    public string? KnownLeader { get; private set; }

    public override void Start()
    {
        if (cluster.Settings.ClientWritesPerSecond > 0)
        {
            StartTimer(Interval, SendWrite);
        }
    }

    private TimeSpan Interval => TimeSpan.FromSeconds(1 / cluster.Settings.ClientWritesPerSecond);

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not WriteReply reply || !pending.Remove(reply.WriteId, out var timer))
        {
            return;
        }
        CancelTimer(timer);
        if (reply.Accepted)
        {
            Accepted++;
            NoteAccepted(reply.WriteId, from);
            return;
        }
        Rejected++;
        if (reply.WriteId < lastAcceptedWriteId)
        {
            return;
        }
        KnownLeader = reply.LeaderHint;
        NoteRefused(reply.Rejection switch
        {
            WriteRejection.NoQuorum => $"{cluster.LabelOf(from)} leads but has not heard from a quorum",
            _ when reply.LeaderHint is { } hint => $"{cluster.LabelOf(from)} is not the leader and redirects to {cluster.LabelOf(hint)}",
            _ => $"{cluster.LabelOf(from)} is not the leader and knows none",
        });
    }

    private void SendWrite()
    {
        string target = KnownLeader ?? members[Random.Next(members.Count)];
        long id = nextWriteId++;
        Sent++;
        pending[id] = StartTimer(cluster.Settings.WriteTimeout, () => TimeOut(id, target));
        Send(target, new WriteRequest(id));
        StartTimer(Interval, SendWrite);
    }

    private void TimeOut(long writeId, string target)
    {
        if (!pending.Remove(writeId))
        {
            return;
        }
        Rejected++;
        TimedOut++;
        if (writeId < lastAcceptedWriteId)
        {
            return;
        }
        if (KnownLeader == target)
        {
            KnownLeader = null;
        }
        NoteRefused($"{cluster.LabelOf(target)} did not answer within {cluster.Settings.WriteTimeout.TotalMilliseconds:0} ms");
    }

    // Logging every write would flood the bounded log; only changes of fortune are worth a line.
    private void NoteAccepted(long writeId, string leader)
    {
        if (writeId < lastAcceptedWriteId)
        {
            return;
        }
        lastAcceptedWriteId = writeId;
        KnownLeader = leader;
        if (refusedInARow > 0)
        {
            Log("write", $"Writes accepted again by {cluster.LabelOf(leader)} after {refusedInARow} refused");
        }
        else if (lastAcceptor != leader)
        {
            Log("write", $"Writes accepted by {cluster.LabelOf(leader)}");
        }
        refusedInARow = 0;
        lastAcceptor = leader;
    }

    private void NoteRefused(string why)
    {
        if (refusedInARow == 0)
        {
            Log("write", $"Write refused: {why}");
        }
        refusedInARow++;
    }
}
