using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// The monolith's customers, as one source of load: requests at random times for a random feature and customer, each
/// awaited for <see cref="Patience"/>. It also keeps which backend answered the last few thousand requests, so that a
/// second answer from another backend is caught.
/// </summary>
public sealed class CustomerNode : SimulationNode
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private const int Remembered = 4_096;

    private readonly StranglerFigCluster cluster;
    private readonly AwaitedReplies<CustomerRequest> awaited = new();
    private readonly Dictionary<long, string> answeredBy = [];
    private readonly Queue<long> answeredOrder = new();
    private readonly SeededRandom arrivals, choices;
    private readonly Action arrive;
    private NodeTimer? next;

    public CustomerNode(StranglerFigCluster cluster, double rate) : base(cluster, CustomersId, "Customers")
    {
        this.cluster = cluster;
        Rate = rate;
        arrivals = Random.Derive("arrivals");
        choices = Random.Derive("choices");
        arrive = () =>
        {
            next = null;
            SendOne();
            Schedule();
        };
    }

    public double Rate { get; }

    public long Sent { get; private set; }

    public int Awaiting => awaited.Count;

    public override void Start() => Schedule();

    protected override void OnRestart() => Schedule();

    protected override void OnCrash()
    {
        awaited.Clear();
        next = null;
    }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not CustomerResponse response)
        {
            return;
        }
        if (awaited.TryTake(response.RequestId, out var request, out var deadline))
        {
            CancelTimer(deadline);
            Remember(response.RequestId, response.Backend);
            cluster.NoteCustomerAnswer(request, response);
            return;
        }
        // Already answered (or given up on): the same backend again is a duplicate on the wire; another one is a second answer.
        if (answeredBy.TryGetValue(response.RequestId, out var first) && first.Length > 0 && first != response.Backend)
        {
            cluster.NoteSecondBackend(response.RequestId, first, response.Backend);
        }
        else if (first is { Length: 0 })
        {
            answeredBy[response.RequestId] = response.Backend;
        }
    }

    private void Schedule()
    {
        if (next is null && IsUp)
        {
            next = StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / Rate)), arrive);
        }
    }

    private void SendOne()
    {
        long id = awaited.NextId();
        var request = new CustomerRequest(id, Feature.All[choices.Next(Feature.All.Count)], choices.Next(1, 1001));
        Sent++;
        awaited.Add(id, request, StartTimer(Patience, () =>
        {
            if (awaited.TryTake(id, out var gaveUp, out _))
            {
                Remember(id, "");
                cluster.NoteCustomerTimeout(gaveUp);
            }
        }));
        Send(FacadeId, request);
    }

    private void Remember(long id, string backend)
    {
        answeredBy[id] = backend;
        answeredOrder.Enqueue(id);
        if (answeredOrder.Count > Remembered)
        {
            answeredBy.Remove(answeredOrder.Dequeue());
        }
    }
}
