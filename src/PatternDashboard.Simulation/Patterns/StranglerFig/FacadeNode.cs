using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// The facade in front of the monolith. Each request goes where its feature's row sends it; in shadow the monolith's
/// answer goes back at once, while a second monolith call (the noise baseline) and the new service's call are only
/// compared once all three are in. A crash forgets every request in flight: nobody answers them.
/// </summary>
public sealed class FacadeNode(StranglerFigCluster cluster, TimeSpan backendTimeout)
    : ProxyNode(cluster, FacadeId, "Facade", backendTimeout)
{
    private const int Remembered = 4_096;

    // Request ids seen lately: a request the network delivers twice is routed once, or a row that moved between the
    // two copies would have two backends answer it.
    private readonly HashSet<long> seen = [];
    private readonly Queue<long> seenOrder = new();

    public long Received { get; private set; }

    public long Duplicates { get; private set; }

    public long Answered { get; private set; }

    protected override void OnRequest(string from, IMessage message)
    {
        if (message is CustomerRequest request)
        {
            if (!seen.Add(request.RequestId))
            {
                Duplicates++;
                return;
            }
            seenOrder.Enqueue(request.RequestId);
            if (seenOrder.Count > Remembered)
            {
                seen.Remove(seenOrder.Dequeue());
            }
            Received++;
            _ = HandleAsync(from, request, Life);
        }
    }

    protected override void OnCrash()
    {
        base.OnCrash();
        seen.Clear();
        seenOrder.Clear();
    }

    private async Task HandleAsync(string customer, CustomerRequest request, CancellationToken startedIn)
    {
        try
        {
            var route = cluster.Route(request.Feature);
            var routedAt = Now;
            route.Requests++;
            string operation = $"{request.Feature}/{request.Customer}/{request.RequestId}";
            string primary = cluster.BigBang ? RewriteId : route.ServesNew(request.Customer) ? ServiceId(request.Feature) : LegacyId;
            bool shadow = !cluster.BigBang && route.Stage == RouteStage.Shadow;
            var answer = CallAsync(primary, operation);
            Task<ServiceReply>? baseline = null, candidate = null;
            if (shadow)
            {
                // Writes get no baseline: even a misguided shadow of checkout calls the monolith only once more than it should.
                baseline = Feature.IsWrite(request.Feature) ? null : CallAsync(LegacyId, operation);
                candidate = CallAsync(ServiceId(request.Feature), operation);
                route.ShadowCalls++;
            }
            var reply = await answer.ConfigureAwait(false);
            if (!IsSameLife(startedIn))
            {
                return;
            }
            Answered++;
            cluster.NoteAnswer(route, request, primary, reply, routedAt);
            Send(customer, new CustomerResponse(request.RequestId, reply.Ok, reply.Detail, primary));
            if (candidate is not null)
            {
                var shadowReply = await candidate.ConfigureAwait(false);
                var baselineReply = baseline is null ? null : await baseline.ConfigureAwait(false);
                if (IsSameLife(startedIn))
                {
                    cluster.NoteShadow(route, reply, baselineReply, shadowReply);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }
}
