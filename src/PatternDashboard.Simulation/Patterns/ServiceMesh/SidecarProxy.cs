using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ControlPlane;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// A sidecar: it carries all of its app's traffic. Inbound, it checks mTLS against the policy it runs and hands the
/// request to its app. Outbound, it runs the policy's pipeline: retry, then a circuit breaker per upstream version
/// (outlier ejection), then a per-attempt timeout read from the policy at every call. The policy comes from the
/// control plane, versioned; the proxy keeps the last one it got whatever happens to the control plane.
/// </summary>
public sealed class SidecarProxy : ProxyNode
{
    /// <summary>Only against a reply lost on the local hop to the app.</summary>
    public static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Retries the pipeline is built for; the policy allows fewer.</summary>
    private const int MostRetries = 10;

    private readonly ServiceMeshCluster cluster;
    private readonly ResiliencePipeline<ServiceReply> retry;
    private readonly SeededRandom routing;
    // The per-call timeout ProxyNode reads as the call starts: set just before each call, on the simulation's one thread.
    private TimeSpan nextTimeout = LocalTimeout;

    public SidecarProxy(ServiceMeshCluster cluster, string appId, int hop, IReadOnlyList<Upstream> upstreams, MeshPolicy initial)
        : this(cluster, appId, hop, upstreams, initial, new TimeoutBox())
    {
    }

    private SidecarProxy(ServiceMeshCluster cluster, string appId, int hop, IReadOnlyList<Upstream> upstreams, MeshPolicy initial, TimeoutBox box)
        : base(cluster, ServiceMeshPattern.ProxyOf(appId), $"{appId} proxy", () => box.Read())
    {
        box.Read = () => nextTimeout;
        this.cluster = cluster;
        AppId = appId;
        Hop = hop;
        Upstreams = upstreams;
        Applied = new AppliedPolicy<MeshPolicy>(initial);
        routing = Random.Derive("routing");
        retry = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = cluster.Clock }
            .AddRetry(new RetryStrategyOptions<ServiceReply>
            {
                MaxRetryAttempts = MostRetries,
                Delay = MeshPolicy.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.AttemptNumber < Retries && IsRetryable(args.Outcome)),
            })
            .Build();
        foreach (var upstream in upstreams)
        {
            upstream.Build(cluster.Clock);
        }
    }

    public string AppId { get; }

    /// <summary>The hop its outbound calls are, from 1 at the edge; 0 for a leaf, which calls nobody.</summary>
    public int Hop { get; }

    public IReadOnlyList<Upstream> Upstreams { get; }

    public AppliedPolicy<MeshPolicy> Applied { get; }

    /// <summary>A fault: this sidecar sends plaintext (it still checks what comes in by the policy).</summary>
    public bool MtlsOff { get; set; }

    public long PlaintextRefused { get; private set; }

    public long PlaintextAccepted { get; private set; }

    /// <summary>The timeout its next outbound attempt gets, from the policy it runs.</summary>
    public TimeSpan AttemptTimeout => Hop == 0 ? TimeSpan.Zero
        : cluster.PolicyInCode ? InCodePolicy.TimeoutAt(Hop) : Applied.Policy.TimeoutAt(Hop);

    /// <summary>Retries its next outbound request gets: the mesh's policy, or its app's own code's when break it says so.</summary>
    public int Retries => Hop == 0 ? 0 : cluster.PolicyInCode ? InCodePolicy.RetriesAt(Hop) : Applied.Policy.RetriesAt(Hop);

    public static bool IsRefusal(ServiceReply reply) => reply.Detail == RefusedPlaintext.Detail;

    public static ServiceReply RefusedPlaintext { get; } = new(false, "refused: plaintext under strict mTLS");

    public static ServiceReply CircuitOpen { get; } = new(false, "circuit open");

    protected override void OnRequest(string from, IMessage message)
    {
        switch (message)
        {
            case PolicyPush<MeshPolicy> push:
                long before = Applied.Version;
                if (Applied.TryApply(push.Version, push.Policy))
                {
                    cluster.NotePolicyApplied(this, before);
                }
                Send(from, new PolicyAck(Applied.Version));
                break;
            case ServiceRequest request when from == AppId:
                _ = OutboundAsync(request, Life);
                break;
            case ServiceRequest request:
                _ = InboundAsync(from, request, Life);
                break;
        }
    }

    private static bool IsRetryable(Outcome<ServiceReply> outcome) =>
        outcome.Result is not { } reply || (!reply.Ok && !IsRefusal(reply));

    private async Task InboundAsync(string from, ServiceRequest request, CancellationToken startedIn)
    {
        try
        {
            var call = MeshCall.Parse(request.Operation);
            bool strict = Applied.Policy.MtlsStrict;
            cluster.NoteArrival(from, this, call, refused: !call.Mtls && strict);
            if (!call.Mtls && strict)
            {
                PlaintextRefused++;
                Send(from, new ServiceResponse(request.CallId, false, RefusedPlaintext.Detail));
                return;
            }
            PlaintextAccepted += call.Mtls ? 0 : 1;
            nextTimeout = LocalTimeout;
            var reply = await CallAsync(AppId, call.Root.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            if (IsSameLife(startedIn))
            {
                Send(from, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async Task OutboundAsync(ServiceRequest request, CancellationToken startedIn)
    {
        try
        {
            // The edge starts a client request's id; the hops below carry it on.
            long root = Hop == 1 ? cluster.NewRoot() : MeshCall.Parse(request.Operation).Root;
            var state = new RequestState(root, Now);
            var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, startedIn);
            Outcome<ServiceReply> outcome;
            try
            {
                outcome = await retry.ExecuteOutcomeAsync(static (c, s) => s.Self.AttemptAsync(s.State, c), context, (Self: this, State: state))
                    .ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
            if (!IsSameLife(startedIn))
            {
                return;
            }
            var reply = outcome.Result ?? ServiceReply.ServerError;
            if (state.First is { } first)
            {
                cluster.NoteRequest(this, first, reply, Now - state.Started);
            }
            Send(AppId, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async ValueTask<Outcome<ServiceReply>> AttemptAsync(RequestState state, ResilienceContext context)
    {
        var upstream = Choose();
        state.First ??= upstream;
        var call = new MeshCall(state.Root, !MtlsOff);
        // Outlier ejection: an open breaker takes its version out of the choice; when every version is out the proxy
        // routes to them anyway (a panic threshold), so only a half-open probe goes through the breaker then.
        var outcome = upstream.IsEjected
            ? Outcome.FromResult(await CallUpstreamAsync(upstream, call).ConfigureAwait(false))
            : await upstream.Breaker.ExecuteOutcomeAsync(static async (_, s) => Outcome.FromResult(await s.Self.CallUpstreamAsync(s.Upstream, s.Call).ConfigureAwait(false)),
                context, (Self: this, Upstream: upstream, Call: call)).ConfigureAwait(false);
        upstream.NoteCall(wentThrough: outcome.Exception is not BrokenCircuitException);
        var reply = outcome.Result ?? CircuitOpen;
        cluster.NoteAttempt(this, upstream, reply);
        return Outcome.FromResult(reply);
    }

    private Task<ServiceReply> CallUpstreamAsync(Upstream upstream, MeshCall call)
    {
        nextTimeout = AttemptTimeout;
        return CallAsync(upstream.ProxyId, call.Format());
    }

    /// <summary>A version by the policy's weights among those not ejected; all of them when every one is.</summary>
    private Upstream Choose()
    {
        if (Upstreams.Count == 1)
        {
            return Upstreams[0];
        }
        var policy = Applied.Policy;
        double healthy = 0, all = 0;
        foreach (var upstream in Upstreams)
        {
            double weight = upstream.WeightIn(policy);
            all += weight;
            healthy += upstream.IsEjected ? 0 : weight;
        }
        bool panic = healthy <= 0;
        double pick = routing.NextDouble() * (panic ? all : healthy);
        foreach (var upstream in Upstreams)
        {
            double weight = panic || !upstream.IsEjected ? upstream.WeightIn(policy) : 0;
            if (pick < weight)
            {
                return upstream;
            }
            pick -= weight;
        }
        return Upstreams.Last(u => u.WeightIn(policy) > 0);
    }

    private sealed class RequestState(long root, TimeSpan started)
    {
        public long Root { get; } = root;

        public TimeSpan Started { get; } = started;

        public Upstream? First { get; set; }
    }

    // Lets the base constructor take a timeout that reads a field of this object, which does not exist yet then.
    private sealed class TimeoutBox
    {
        public Func<TimeSpan> Read { get; set; } = () => LocalTimeout;
    }
}
