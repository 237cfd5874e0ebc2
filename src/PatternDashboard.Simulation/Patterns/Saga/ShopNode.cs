using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// The web shop: customers place orders at the configured rate (Poisson arrivals from the seed), and each order goes to
/// every style that runs: the coordinator, or the orders service of choreography. An order stays in the shop's durable
/// outbox, resent every second, until its receiver accepts it, so a crashed coordinator misses none.
/// </summary>
public sealed class ShopNode : SimulationNode
{
    public const int OutboxCapacity = 5_000;

    /// <summary>Orders resent per receiver per second at most, oldest first, so a long outage does not end in a flood.</summary>
    public const int ResendBatch = 50;

    private static readonly TimeSpan ResendEvery = TimeSpan.FromSeconds(1);

    private readonly SagaCluster cluster;
    private readonly SeededRandom arrivals;
    private readonly Dictionary<string, SortedDictionary<int, Order>> outboxes = new(StringComparer.Ordinal);
    private NodeTimer? arrival;

    public ShopNode(SagaCluster cluster, IReadOnlyList<string> receivers, double ratePerSecond) : base(cluster, SagaPattern.ShopId, "Shop")
    {
        this.cluster = cluster;
        arrivals = cluster.Random.Derive("arrivals");
        RatePerSecond = ratePerSecond;
        foreach (var receiver in receivers)
        {
            outboxes[receiver] = [];
        }
    }

    public double RatePerSecond { get; private set; }

    public long Placed { get; private set; }

    /// <summary>Orders not placed because the outbox was full.</summary>
    public long Refused { get; private set; }

    public int Waiting => outboxes.Values.Sum(o => o.Count);

    public override void Start()
    {
        ScheduleArrival();
        StartTimer(ResendEvery, Resend);
    }

    /// <summary>One order now, besides the stream's (lessons, tests).</summary>
    internal void PlaceNow() => Place();

    internal void SetRate(double perSecond)
    {
        RatePerSecond = perSecond;
        CancelTimer(arrival);
        arrival = null;
        if (IsUp)
        {
            ScheduleArrival();
        }
    }

    protected override void OnRestart()
    {
        arrival = null;
        Start();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is OrderAccepted accepted && outboxes.TryGetValue(from, out var outbox))
        {
            outbox.Remove(accepted.Number);
        }
    }

    private void ScheduleArrival()
    {
        if (RatePerSecond > 0)
        {
            arrival = StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / RatePerSecond)), () =>
            {
                Place();
                ScheduleArrival();
            });
        }
    }

    private void Place()
    {
        if (outboxes.Values.Any(o => o.Count >= OutboxCapacity))
        {
            Refused++;
            return;
        }
        var order = cluster.Orders.Next();
        Placed++;
        foreach (var (receiver, outbox) in outboxes)
        {
            outbox[order.Number] = order;
            cluster.Tracker(receiver == SagaPattern.CoordinatorId ? SagaStyle.Orchestration : SagaStyle.Choreography).Start(order, Now);
            Send(receiver, new PlaceOrder(order));
        }
    }

    private void Resend()
    {
        foreach (var (receiver, outbox) in outboxes)
        {
            foreach (var order in outbox.Values.Take(ResendBatch))
            {
                Send(receiver, new PlaceOrder(order));
            }
        }
        StartTimer(ResendEvery, Resend);
    }
}
