using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.CircuitBreaker;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// One destination of a proxy's outbound calls (one version of a service) with its own circuit breaker: a version that
/// fails half its calls is ejected for <see cref="BreakDuration"/>, then one probe decides whether it comes back.
/// </summary>
public sealed class Upstream(string appId, Func<MeshPolicy, double> weight)
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly CircuitBreakerStateProvider state = new();
    private TimeProvider? clock;
    private DateTimeOffset openUntil;

    public string AppId { get; } = appId;

    public string ProxyId { get; } = ServiceMeshPattern.ProxyOf(appId);

    public ResiliencePipeline<ServiceReply> Breaker { get; private set; } = ResiliencePipeline<ServiceReply>.Empty;

    public long Ejections { get; private set; }

    /// <summary>
    /// True while the breaker is open and its break has not run out. Polly moves an open breaker to half-open only when a
    /// call goes through it, so once the break is over the version is offered again and its next call is the probe.
    /// </summary>
    public bool IsEjected => state.CircuitState == CircuitState.Open && clock!.GetUtcNow() < openUntil;

    public string BreakerWord => state.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        _ => IsEjected ? "open (ejected)" : "open",
    };

    public double WeightIn(MeshPolicy policy) => weight(policy);

    /// <summary>
    /// Notes a breaker that has just opened or reopened, after a call that went through it (not one it refused). Polly's
    /// OnOpened would tell, but it runs its callbacks on the thread pool, and a call that awaited it would continue
    /// there, away from the simulation; and a failed half-open probe reopens it between two looks at its state.
    /// </summary>
    internal void NoteCall(bool wentThrough)
    {
        if (!wentThrough || state.CircuitState != CircuitState.Open)
        {
            return;
        }
        var now = clock!.GetUtcNow();
        Ejections += now >= openUntil ? 1 : 0;
        openUntil = now + BreakDuration;
    }

    internal void Build(TimeProvider time)
    {
        clock = time;
        Breaker = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ServiceReply>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 8,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = BreakDuration,
                StateProvider = state,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is not { } reply || (!reply.Ok && !SidecarProxy.IsRefusal(reply))),
            })
            .Build();
    }
}
