using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.Timeout;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>Where the app's process is in its start.</summary>
public enum AppPhase
{
    Down,

    /// <summary>Up, held back until its proxy is ready (a native sidecar's start-up order).</summary>
    WaitingForProxy,

    Starting,

    Serving,
}

/// <summary>
/// The application container. Its own work is the business logic of a request and one call to a remote service; it
/// writes its log lines to a file (the pod's buffer) and answers scrapes. With its sidecars it speaks plain HTTP over
/// the pod's loopback and knows nothing of TLS or log shipping. With break it on, both are in its own code: it
/// terminates TLS, holds its timeout as compiled in, and ships its log lines itself from memory.
/// </summary>
public sealed class AppNode : SimulationNode
{
    /// <summary>With the proxy holding the real timeout, the app's client only guards against a call that never ends.</summary>
    public static readonly TimeSpan GuardTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The wait between two attempts of the app's first call at start-up.</summary>
    public static readonly TimeSpan FirstCallRetry = TimeSpan.FromMilliseconds(500);

    private readonly SidecarCluster cluster;
    private readonly PendingCalls pending = new();
    private readonly ResiliencePipeline<ServiceReply> outbound;
    private readonly SeededRandom work;
    private readonly SeededRandom connections;
    private CancellationTokenSource life = new();

    public AppNode(SidecarCluster cluster) : base(cluster, AppId, "App")
    {
        this.cluster = cluster;
        work = Random.Derive("work");
        connections = Random.Derive("connections");
        BuiltPolicy = cluster.InitialPolicy;
        Memory = new LogBuffer(LogSource.App, cluster.Settings.BufferLines);
        InAppShipping = new LogShipping(Memory, cluster.Settings.ShipInterval, StartTimer, m => Send(LogStoreId, m),
            lines => SidecarCosts.PerLogBatch + lines * SidecarCosts.PerLogLine,
            cpu => cluster.Cpu.Add(Now, CpuUser.InAppPlumbing, cpu));
        outbound = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = cluster.Clock }
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = _ => ValueTask.FromResult(cluster.ConcernsInApp ? BuiltPolicy.Timeout : GuardTimeout),
            })
            .Build();
    }

    public AppPhase Phase { get; private set; } = AppPhase.Down;

    /// <summary>The build the process runs; a rebuild (break it) makes the next one.</summary>
    public int Build { get; set; } = 1;

    /// <summary>The TLS version and timeout compiled into this build; used only while break it is on.</summary>
    public SidecarPolicy BuiltPolicy { get; set; }

    /// <summary>Break it: the log lines the app's own code holds in memory until it ships them.</summary>
    public LogBuffer Memory { get; }

    public LogShipping InAppShipping { get; }

    public int Busy { get; private set; }

    public long Served { get; private set; }

    public long Failed { get; private set; }

    /// <summary>Attempts of the first call after a start that failed: the start-up ordering problem.</summary>
    public long FirstCallsFailed { get; private set; }

    public override void Start() => cluster.AppProcessStarted();

    protected override void OnRestart() => cluster.AppProcessStarted();

    protected override void OnCrash()
    {
        var ended = life;
        life = new CancellationTokenSource();
        ended.Cancel();
        ended.Dispose();
        Phase = AppPhase.Down;
        Busy = 0;
        Memory.LoseAll(); // the process's memory is gone, and what it had not shipped with it
    }

    public void WaitForProxy()
    {
        Phase = AppPhase.WaitingForProxy;
        cluster.NoteStart("app waiting for its proxy to be ready");
    }

    public void BeginStartup()
    {
        Phase = AppPhase.Starting;
        cluster.NoteStart(cluster.Proxy.Ready || cluster.ConcernsInApp ? $"app build {Build} starting" : $"app build {Build} starting before its proxy is ready");
        StartTimer(SidecarCosts.AppStartup, () =>
        {
            Phase = AppPhase.Serving;
            cluster.NoteStart("app serving");
            cluster.OnAppServing();
            InAppShipping.Start();
            _ = FirstCallAsync(life.Token);
        });
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case ServiceRequest request:
                _ = HandleAsync(from, request, life.Token);
                break;
            case ServiceResponse response:
                pending.Complete(response.CallId, new ServiceReply(response.Ok, response.Detail));
                break;
            case Scrape:
                Send(from, new ScrapeReply(Served, Failed));
                break;
            case LogAck ack:
                InAppShipping.OnAck(ack);
                break;
        }
    }

    /// <summary>At start the app loads what it needs from the remote service; through a proxy that is not ready yet, this fails.</summary>
    private async Task FirstCallAsync(CancellationToken startedIn)
    {
        try
        {
            while (true)
            {
                var reply = await CallOutAsync(null).ConfigureAwait(false);
                if (startedIn != life.Token || !IsUp)
                {
                    return;
                }
                if (reply.Ok)
                {
                    return;
                }
                FirstCallsFailed++;
                Log("startup", $"App's first call failed: {reply.Detail}; retrying in {FirstCallRetry.TotalMilliseconds:0} ms");
                await DelayAsync(FirstCallRetry).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task HandleAsync(string from, ServiceRequest request, CancellationToken startedIn)
    {
        try
        {
            if (Phase != AppPhase.Serving)
            {
                Failed++;
                Send(from, new ServiceResponse(request.CallId, false, "app not started"));
                return;
            }
            var trace = cluster.Trace;
            string? tag = request.Operation;
            bool inApp = from != ProxyId;
            Busy++;
            trace.Note(tag, Now, inApp ? "clients → app (network)" : "TLS proxy → app (inside the pod)", bySidecar: !inApp);
            if (inApp)
            {
                await DelayAsync(OwnTls()).ConfigureAwait(false);
                trace.Note(tag, Now, $"app: {BuiltPolicy.Tls} in its own code", bySidecar: false);
            }
            var own = cluster.Settings.AppWork * (0.7 + 0.6 * work.NextDouble());
            cluster.Cpu.Add(Now, CpuUser.App, own);
            await DelayAsync(own).ConfigureAwait(false);
            if (startedIn != life.Token || !IsUp)
            {
                return;
            }
            trace.Note(tag, Now, "app: its own work", bySidecar: false);
            var reply = await CallOutAsync(tag).ConfigureAwait(false);
            if (startedIn != life.Token || !IsUp)
            {
                return;
            }
            trace.Note(tag, Now, inApp ? "remote's proxy → app (network)" : "TLS proxy → app (inside the pod)", bySidecar: !inApp);
            var buffer = cluster.ConcernsInApp ? Memory : cluster.SharedBuffer;
            for (int i = 0; i < cluster.Settings.LinesPerRequest; i++)
            {
                buffer.Write();
            }
            if (inApp)
            {
                await DelayAsync(OwnTls(handshake: false)).ConfigureAwait(false);
                if (startedIn != life.Token || !IsUp)
                {
                    return;
                }
                trace.Note(tag, Now, "app: encrypt the answer in its own code", bySidecar: false);
            }
            Busy--;
            Served += reply.Ok ? 1 : 0;
            Failed += reply.Ok ? 0 : 1;
            Send(from, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    /// <summary>The call to the remote app: through its proxy in plain text, or (break it) to the remote's proxy with its own TLS.</summary>
    private async Task<ServiceReply> CallOutAsync(string? tag)
    {
        bool direct = cluster.ConcernsInApp;
        if (direct)
        {
            await DelayAsync(OwnTls()).ConfigureAwait(false);
        }
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, life.Token);
        try
        {
            var outcome = await outbound.ExecuteOutcomeAsync(static (c, s) => s.Self.SendCall(s.To, s.Tag, c), context,
                (Self: this, To: direct ? RemoteProxyId : ProxyId, Tag: tag)).ConfigureAwait(false);
            return outcome switch
            {
                { Result: { } reply } => reply,
                { Exception: TimeoutRejectedException } => ProxyNode.TimedOut,
                _ => new ServiceReply(false, "app stopped"),
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ValueTask<Outcome<ServiceReply>> SendCall(string target, string? tag, ResilienceContext context)
    {
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(target, new ServiceRequest(callId, null, tag));
        return reply;
    }

    /// <summary>Break it: TLS done by the app itself, on its own CPU, as its build has it.</summary>
    private TimeSpan OwnTls(bool handshake = true)
    {
        bool full = handshake && connections.Chance(SidecarCosts.NewConnectionShare);
        var cpu = SidecarCosts.TlsRecord + (full ? SidecarCosts.Handshake : TimeSpan.Zero);
        cluster.Cpu.Add(Now, CpuUser.InAppPlumbing, cpu);
        return cpu + (full ? 2 * cluster.Settings.NetworkDelay * BuiltPolicy.HandshakeRoundTrips : TimeSpan.Zero);
    }

    private Task DelayAsync(TimeSpan delay)
    {
        // Completed by the node's own timer, so a crash leaves it pending and the work never resumes.
        var done = new TaskCompletionSource();
        StartTimer(delay, () => done.TrySetResult());
        return done.Task;
    }
}
