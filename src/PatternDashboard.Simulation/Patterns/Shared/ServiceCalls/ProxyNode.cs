using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using Polly;
using Polly.Timeout;

namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>
/// A process that stands in front of services and forwards calls to them: a facade, a sidecar, a mesh proxy. Where a
/// call goes is the subclass's choice; this holds how: one Polly timeout per call on simulated time, replies matched to
/// their calls, and a crash that ends every call in flight, so work begun before it never answers afterwards.
/// </summary>
public abstract class ProxyNode : SimulationNode
{
    private readonly PendingCalls pending = new();
    private readonly ResiliencePipeline<ServiceReply> perCall;
    private CancellationTokenSource life = new();

    protected ProxyNode(SimulationBase simulation, string id, string label, TimeSpan callTimeout)
        : this(simulation, id, label, () => callTimeout)
    {
    }

    /// <summary>A proxy whose timeout is a setting read at the start of every call, so a change applies to the next call.</summary>
    protected ProxyNode(SimulationBase simulation, string id, string label, Func<TimeSpan> callTimeout) : base(simulation, id, label)
    {
        perCall = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = simulation.Clock }
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(callTimeout()) })
            .Build();
    }

    /// <summary>Calls still awaiting a reply.</summary>
    public int InFlight => pending.Count;

    /// <summary>The current life; a call made in it is cut short by the next crash.</summary>
    protected CancellationToken Life => life.Token;

    /// <summary>True while the process that started work in <paramref name="startedIn"/> is still the one running.</summary>
    protected bool IsSameLife(CancellationToken startedIn) => IsUp && startedIn == life.Token;

    /// <summary>A message that is not a reply to one of its calls: a request to route.</summary>
    protected abstract void OnRequest(string from, IMessage message);

    /// <summary>Calls <paramref name="target"/> and awaits its reply, a timeout (as a failed reply) or the end of this life.</summary>
    protected async Task<ServiceReply> CallAsync(string target, string? operation)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, life.Token);
        try
        {
            var outcome = await perCall.ExecuteOutcomeAsync(static (c, s) => s.Self.SendCall(s.Target, s.Operation, c), context,
                (Self: this, Target: target, Operation: operation)).ConfigureAwait(false);
            return outcome switch
            {
                { Result: { } reply } => reply,
                { Exception: TimeoutRejectedException } => TimedOut,
                _ => Ended,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>What a call that got no reply in time yields.</summary>
    public static ServiceReply TimedOut { get; } = new(false, "timed out");

    /// <summary>What a call cut short by the proxy's own crash yields; nobody is left to read it.</summary>
    public static ServiceReply Ended { get; } = new(false, "proxy stopped");

    protected sealed override void OnMessage(string from, IMessage message)
    {
        if (message is ServiceResponse response)
        {
            pending.Complete(response.CallId, new ServiceReply(response.Ok, response.Detail));
            return;
        }
        OnRequest(from, message);
    }

    protected override void OnCrash()
    {
        var ended = life;
        life = new CancellationTokenSource();
        ended.Cancel();
        ended.Dispose();
    }

    private ValueTask<Outcome<ServiceReply>> SendCall(string target, string? operation, ResilienceContext context)
    {
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(target, new ServiceRequest(callId, null, operation));
        return reply;
    }
}
