using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// A client of the API: requests at random times on random routes, each with its bearer token, to a gateway it picks
/// in turn (skipping one that just failed to answer). With "break it" on there is no gateway: it calls an instance of
/// each service itself and assembles the summary itself, and nothing checks its token or its rate.
/// </summary>
public sealed class GatewayClientNode : SimulationNode
{
    private readonly ApiGatewayCluster cluster;
    private readonly AwaitedReplies<Outstanding> awaiting = new();
    private readonly SeededRandom arrivals;
    private readonly SeededRandom routes;
    private readonly Dictionary<string, TimeSpan> suspectUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> turns = new(StringComparer.Ordinal);
    private readonly Action arrive;
    private NodeTimer? nextArrival;
    private int nextGateway;

    public GatewayClientNode(ApiGatewayCluster cluster, string id, string label) : base(cluster, id, label)
    {
        this.cluster = cluster;
        arrivals = Random.Derive("arrivals");
        routes = Random.Derive("routes");
        Token = cluster.Tokens.Issue(id);
        Rate = cluster.Settings.RequestsPerSecond;
        arrive = () =>
        {
            nextArrival = null;
            SendRequest(Route.All[routes.Next(Route.All.Count)]);
            ScheduleArrival();
        };
    }

    /// <summary>The bearer token it sends.</summary>
    public string Token { get; set; }

    /// <summary>Requests per second it sends now.</summary>
    public double Rate { get; private set; }

    public override void Start() => ScheduleArrival();

    /// <summary>Changes the rate; the next arrival is drawn afresh.</summary>
    public void SetRate(double perSecond)
    {
        Rate = perSecond;
        CancelTimer(nextArrival);
        nextArrival = null;
        ScheduleArrival();
    }

    /// <summary>Sends <paramref name="count"/> requests evenly over <paramref name="span"/> centred on <paramref name="at"/>.</summary>
    public void Burst(TimeSpan at, TimeSpan span, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var when = at - span / 2 + span * ((i + 0.5) / count);
            StartTimer(when - Now, () => SendRequest(Route.All[routes.Next(Route.All.Count)]));
        }
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case ApiResponse response when awaiting.TryTake(response.RequestId, out var call, out var deadline):
                CancelTimer(deadline);
                Finish(call, response.Status);
                break;
            case ServiceResponse response when awaiting.TryTake(response.CallId, out var call, out var deadline):
                CancelTimer(deadline);
                EndDirect(call, response.Ok ? CompositePart.Answered : CompositePart.Failed);
                break;
        }
    }

    protected override void OnCrash()
    {
        awaiting.Clear();
        nextArrival = null;
    }

    protected override void OnRestart() => ScheduleArrival();

    private void ScheduleArrival()
    {
        if (Rate > 0 && nextArrival is null && IsUp)
        {
            nextArrival = StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / Rate)), arrive);
        }
    }

    private void SendRequest(string route)
    {
        var book = cluster.Book(Id);
        book.Sent++;
        if (cluster.DirectCalls)
        {
            SendDirect(route);
            return;
        }
        string gateway = PickGateway();
        long id = awaiting.NextId();
        Send(gateway, new ApiRequest(id, route, Token));
        var call = new Outstanding(route, Now, gateway, null);
        awaiting.Add(id, call, StartTimer(cluster.Settings.ClientTimeout, () => TimedOut(id)));
    }

    private string PickGateway()
    {
        var deployed = cluster.Gateways.Where(g => g.Deployed).Select(g => g.Id).ToList();
        var trusted = deployed.Where(g => !(suspectUntil.TryGetValue(g, out var until) && until > Now)).ToList();
        var choice = trusted.Count > 0 ? trusted : deployed;
        return choice[nextGateway++ % choice.Count];
    }

    private void TimedOut(long id)
    {
        if (!awaiting.TryTake(id, out var call, out _))
        {
            return;
        }
        if (call.Summary is not null)
        {
            EndDirect(call, CompositePart.TimedOut);
            return;
        }
        if (call.Target is { } gateway && cluster.IsGateway(gateway))
        {
            // No answer at all: try the other gateway for a while, as a client's DNS or load balancer would.
            suspectUntil[gateway] = Now + TimeSpan.FromSeconds(3);
        }
        cluster.Book(Id).TimedOut++;
    }

    private void Finish(Outstanding call, int status)
    {
        var book = cluster.Book(Id);
        switch (status)
        {
            case HttpStatus.Ok:
                book.Ok++;
                break;
            case HttpStatus.Partial:
                book.Partial++;
                break;
            case HttpStatus.Unauthorized or HttpStatus.TooManyRequests:
                break; // the gateway's own book counts these
            default:
                book.Failed++;
                break;
        }
    }

    // Break it: the client is its own gateway, without the checks.
    private void SendDirect(string route)
    {
        cluster.NotePass(Id, route);
        if (Route.ServiceOf(route) is { } service)
        {
            CallDirect(service, new Outstanding(route, Now, null, null), cluster.Settings.ClientTimeout);
            return;
        }
        var summary = new DirectSummary(Service.All.Count);
        foreach (var part in Service.All)
        {
            CallDirect(part, new Outstanding(route, Now, part, summary), cluster.Settings.BackendTimeout);
        }
    }

    private void CallDirect(string service, Outstanding call, TimeSpan timeout)
    {
        string instance = cluster.Balancer.Pick(service, turns);
        long id = awaiting.NextId();
        Send(instance, new ServiceRequest(id, Token));
        awaiting.Add(id, call with { Target = service }, StartTimer(timeout, () => TimedOut(id)));
    }

    private void EndDirect(Outstanding call, string outcome)
    {
        var book = cluster.Book(Id);
        if (call.Summary is not { } summary)
        {
            if (outcome == CompositePart.Answered)
            {
                book.Ok++;
            }
            else if (outcome == CompositePart.TimedOut)
            {
                book.TimedOut++;
            }
            else
            {
                book.Failed++;
            }
            return;
        }
        summary.Left--;
        if (outcome != CompositePart.Answered)
        {
            summary.Missing.Add(call.Target!);
        }
        if (summary.Left > 0)
        {
            return;
        }
        if (summary.Missing.Count == 0)
        {
            book.Ok++;
        }
        else if (summary.Missing.TrueForAll(s => s == Service.Catalog))
        {
            book.Partial++;
        }
        else
        {
            book.Failed++;
        }
    }

    /// <summary>A request awaiting its answer: where it went, and for a summary assembled here, the summary it is part of.</summary>
    private sealed record Outstanding(string Route, TimeSpan SentAt, string? Target, DirectSummary? Summary);

    private sealed class DirectSummary(int parts)
    {
        public int Left { get; set; } = parts;

        public List<string> Missing { get; } = [];
    }
}
