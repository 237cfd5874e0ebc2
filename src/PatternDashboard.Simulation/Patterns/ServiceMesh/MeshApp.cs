using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// A service's own code. It knows nothing of retries, timeouts or TLS: it does its work and, if it has a downstream,
/// calls it through its own sidecar and passes the answer back. Faults make it fail a share of requests or slow down.
/// </summary>
public sealed class MeshApp : ProxyNode
{
    /// <summary>Only against a reply lost on the local hop; the sidecar's policy times out long before.</summary>
    public static readonly TimeSpan LastResortTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ServiceTime = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan ServiceTail = TimeSpan.FromMilliseconds(5);

    private readonly ServiceMeshCluster cluster;
    private readonly SeededRandom latency;
    private readonly SeededRandom errors;

    public MeshApp(ServiceMeshCluster cluster, string id, string label, string service, bool callsDownstream)
        : base(cluster, id, label, LastResortTimeout)
    {
        this.cluster = cluster;
        Service = service;
        CallsDownstream = callsDownstream;
        latency = Random.Derive("latency");
        errors = Random.Derive("errors");
    }

    public string Service { get; }

    public string ProxyId => ServiceMeshPattern.ProxyOf(Id);

    public bool CallsDownstream { get; }

    /// <summary>Share of requests answered with a server error, 0 to 1.</summary>
    public double ErrorRate { get; set; }

    public TimeSpan AddedLatency { get; set; }

    public long Served { get; private set; }

    public long Failed { get; private set; }

    protected override void OnRequest(string from, IMessage message)
    {
        if (message is ServiceRequest request)
        {
            _ = ServeAsync(from, request, Life);
        }
    }

    private async Task ServeAsync(string from, ServiceRequest request, CancellationToken startedIn)
    {
        try
        {
            await WorkAsync().ConfigureAwait(false);
            if (!IsSameLife(startedIn))
            {
                return;
            }
            var reply = errors.Chance(ErrorRate) ? ServiceReply.ServerError
                : CallsDownstream ? await CallAsync(ProxyId, request.Operation).ConfigureAwait(false)
                : ServiceReply.Success;
            if (!IsSameLife(startedIn))
            {
                return;
            }
            Served++;
            Failed += reply.Ok ? 0 : 1;
            Send(from, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private Task WorkAsync()
    {
        var done = new TaskCompletionSource();
        StartTimer(ServiceTime + latency.NextExponential(ServiceTail) + AddedLatency, done.SetResult);
        return done.Task;
    }
}
