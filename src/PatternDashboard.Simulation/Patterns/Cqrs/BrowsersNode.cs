using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// The read-heavy load: people browsing "my orders" and the warehouse's pick list, spread over the read replicas.
/// It never waits for an answer before sending the next query; a replica that has not answered for a while is left
/// out, save for an occasional probe, so a crashed replica costs a few lost reads and the others carry the load.
/// </summary>
public sealed class BrowsersNode(CqrsCluster cluster) : SimulationNode(cluster, CqrsPattern.BrowsersId, "Browsers")
{
    private const double ProbeShare = 0.1;

    // Per replica: when the oldest query it has not answered was sent (null when it has answered all).
    private readonly Dictionary<string, TimeSpan?> unansweredSince = new(StringComparer.Ordinal);
    private NodeTimer? timer;
    private long nextRequest = 1;

    public long Sent { get; private set; }

    public long Answered { get; private set; }

    public override void Start() => ScheduleNext();

    protected override void OnRestart() => ScheduleNext();

    private void ScheduleNext()
    {
        CancelTimer(timer);
        if (cluster.ReadRate > 0)
        {
            timer = StartTimer(Random.NextExponential(TimeSpan.FromSeconds(1 / cluster.ReadRate)), Query);
        }
    }

    private void Query()
    {
        // One query in four is the warehouse's pick list; the rest are customers' "my orders".
        bool pickList = Random.Chance(0.25);
        var candidates = pickList ? [cluster.PickList] : cluster.CustomerReplicas;
        var healthy = candidates.Where(r => !Suspect(r.Id)).ToList();
        var target = healthy.Count == 0 || Random.Chance(ProbeShare) ? candidates[Random.Next(candidates.Count)] : healthy[Random.Next(healthy.Count)];
        string? customer = pickList ? null : ShopFrontNode.Customers[Random.Next(ShopFrontNode.Customers.Length)];
        if (unansweredSince.GetValueOrDefault(target.Id) is null)
        {
            unansweredSince[target.Id] = Now;
        }
        Sent++;
        Send(target.Id, new QueryRequest(nextRequest++, customer));
        ScheduleNext();
    }

    private bool Suspect(string replica) =>
        unansweredSince.GetValueOrDefault(replica) is { } since && Now - since > cluster.QueryTimeout;

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is QueryReply)
        {
            Answered++;
            unansweredSince[from] = null;
        }
    }
}
