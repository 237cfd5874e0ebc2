using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ControlPlane;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// The proxy sidecar (an Envoy): inbound it terminates the clients' TLS and hands the plain request to the app over
/// the pod's loopback; outbound it takes the app's plain call, opens mutual TLS to the remote service and holds the
/// call timeout. Its policy (timeout, TLS version) is pushed by the config source and read at the start of every call,
/// so a change applies to the next call without touching the app. It is ready once it started and got its policy.
/// </summary>
public sealed class TlsProxyNode : ProxyNode
{
    private readonly SidecarCluster cluster;
    private readonly SeededRandom connections;
    private readonly RecentMean inboundAdded = new(), outboundAdded = new();
    private bool started;

    public TlsProxyNode(SidecarCluster cluster)
        : base(cluster, ProxyId, "TLS proxy", () => cluster.Proxy.Policy.Policy.Timeout)
    {
        this.cluster = cluster;
        connections = Random.Derive("connections");
        Policy = new AppliedPolicy<SidecarPolicy>(cluster.InitialPolicy);
    }

    /// <summary>What it runs; version 0 until the first push of this life reaches it.</summary>
    public AppliedPolicy<SidecarPolicy> Policy { get; private set; }

    public bool Ready => IsUp && started && Policy.Version > 0;

    /// <summary>Slow sidecar: added to each pass of a request through the proxy.</summary>
    public TimeSpan AddedTime { get; set; }

    /// <summary>Calls refused because the proxy was not ready yet (connection refused).</summary>
    public long RefusedNotReady { get; private set; }

    /// <summary>Mean time the proxy adds to one request (its TLS work and the pod hops to and from it), over the latest requests.</summary>
    public double AddedMsPerRequest => inboundAdded.Mean + outboundAdded.Mean;

    public override void Start() => BeginLife();

    protected override void OnRestart() => BeginLife();

    protected override void OnCrash()
    {
        base.OnCrash();
        started = false;
        // A new process knows nothing: it must be sent its policy again.
        Policy = new AppliedPolicy<SidecarPolicy>(cluster.InitialPolicy);
        cluster.Config.Forget(ProxyId);
    }

    protected override void OnRequest(string from, IMessage message)
    {
        switch (message)
        {
            case PolicyPush<SidecarPolicy> push:
                bool wasReady = Ready;
                long had = Policy.Version;
                if (Policy.TryApply(push.Version, push.Policy) && had > 0)
                {
                    Log("policy", $"TLS proxy runs policy v{Policy.Version}: {Policy.Policy}; the app was not touched");
                }
                Send(from, new PolicyAck(Policy.Version));
                if (!wasReady && Ready)
                {
                    cluster.OnProxyReady();
                }
                break;
            case ServiceRequest request when !Ready:
                RefusedNotReady++;
                Send(from, new ServiceResponse(request.CallId, false, "connection refused: proxy not ready"));
                break;
            case ServiceRequest request when from == AppId:
                _ = OutboundAsync(request, Life);
                break;
            case ServiceRequest request:
                _ = InboundAsync(from, request, Life);
                break;
        }
    }

    private void BeginLife()
    {
        cluster.NoteStart("TLS proxy starting: loading its certificate and configuration");
        StartTimer(cluster.Settings.ProxyStartup, () =>
        {
            started = true;
            if (Ready)
            {
                cluster.OnProxyReady();
            }
        });
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task InboundAsync(string from, ServiceRequest request, CancellationToken life)
    {
        try
        {
            var trace = cluster.Trace;
            trace.Note(request.Operation, Now, "clients → TLS proxy (network)", bySidecar: false);
            var tlsIn = TlsWork(cluster.Settings.NetworkDelay);
            await DelayAsync(tlsIn.Latency).ConfigureAwait(false);
            trace.Note(request.Operation, Now, tlsIn.Handshake ? $"TLS proxy: {Policy.Policy.Tls} handshake and decrypt" : "TLS proxy: decrypt", bySidecar: true);
            var reply = await CallAsync(AppId, request.Operation).ConfigureAwait(false);
            if (!IsSameLife(life))
            {
                return;
            }
            trace.Note(request.Operation, Now, "app → TLS proxy (inside the pod)", bySidecar: true);
            var tlsOut = SidecarCosts.TlsRecord + AddedTime;
            cluster.Cpu.Add(Now, CpuUser.Proxy, SidecarCosts.TlsRecord);
            await DelayAsync(tlsOut).ConfigureAwait(false);
            if (!IsSameLife(life))
            {
                return;
            }
            trace.Note(request.Operation, Now, "TLS proxy: encrypt the answer", bySidecar: true);
            inboundAdded.Add((tlsIn.Latency + tlsOut + 2 * SidecarCosts.PodHop).TotalMilliseconds);
            Send(from, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async Task OutboundAsync(ServiceRequest request, CancellationToken life)
    {
        try
        {
            var trace = cluster.Trace;
            trace.Note(request.Operation, Now, "app → TLS proxy (inside the pod)", bySidecar: true);
            var mtls = TlsWork(cluster.Settings.NetworkDelay);
            await DelayAsync(mtls.Latency).ConfigureAwait(false);
            trace.Note(request.Operation, Now, mtls.Handshake ? $"TLS proxy: mutual {Policy.Policy.Tls} handshake with the remote's proxy" : "TLS proxy: encrypt for the remote", bySidecar: true);
            var reply = await CallAsync(RemoteProxyId, request.Operation).ConfigureAwait(false);
            if (!IsSameLife(life))
            {
                return;
            }
            trace.Note(request.Operation, Now, reply.Ok ? "remote's proxy → TLS proxy (network)" : $"TLS proxy → remote: {reply.Detail}", bySidecar: false);
            outboundAdded.Add((mtls.Latency + 2 * SidecarCosts.PodHop).TotalMilliseconds);
            Send(AppId, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    /// <summary>One TLS pass: a record's encryption, and for a new connection a handshake of one or two round trips.</summary>
    private (TimeSpan Latency, bool Handshake) TlsWork(TimeSpan oneWay)
    {
        bool handshake = connections.Chance(SidecarCosts.NewConnectionShare);
        var cpu = SidecarCosts.TlsRecord + (handshake ? SidecarCosts.Handshake : TimeSpan.Zero);
        cluster.Cpu.Add(Now, CpuUser.Proxy, cpu);
        var waiting = handshake ? 2 * oneWay * Policy.Policy.HandshakeRoundTrips : TimeSpan.Zero;
        return (cpu + waiting + AddedTime, handshake);
    }

    private Task DelayAsync(TimeSpan delay)
    {
        // Completed by the node's own timer, so a crash leaves it pending and the work never resumes.
        var done = new TaskCompletionSource();
        StartTimer(delay, () => done.TrySetResult());
        return done.Task;
    }
}
