using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Registry;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>
/// The entry point. Requests for each feature arrive at random (Poisson) at its share of the rate; each takes one of a
/// fixed number of workers for as long as it runs, and one that finds none free fails. A feature calls its services in
/// series, each through its own Polly pipeline on the simulated clock: one retry on another instance, a circuit breaker
/// and a timeout per attempt. Instances come from the registry cache. Monolith mode sends the whole request to the
/// monolith instead.
/// </summary>
public sealed class FeatureGateway : RegistryCacheNode
{
    private readonly MicroservicesCluster cluster;
    private readonly PendingCalls pending = new();
    private readonly Dictionary<string, ResiliencePipeline<ServiceReply>> guarded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResiliencePipeline<ServiceReply>> unguarded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> turns = new(StringComparer.Ordinal);
    private readonly SeededRandom arrivals;

    internal FeatureGateway(MicroservicesCluster cluster)
        : base(cluster, GatewayId, "Gateway", RegistryNode.RegistryId, TimeSpan.FromSeconds(1), _ => { })
    {
        this.cluster = cluster;
        arrivals = Random.Derive("arrivals");
        foreach (string service in Service.All.Append(MonolithId))
        {
            guarded[service] = Pipeline(service, cluster.Settings.CallTimeout);
            unguarded[service] = Pipeline(service, null);
        }
    }

    public int Busy { get; private set; }

    public long Retries { get; private set; }

    /// <summary>Ends every call still waiting with an error, as a gateway restarted with new settings does.</summary>
    public void DropWaitingCalls() => pending.FailAll("gateway restarted");

    public override void Start()
    {
        base.Start();
        // People arrive once the gateway has its first answer from the registry, as traffic reaches a gateway only once it is up.
        StartTimer(TimeSpan.FromSeconds(1), () =>
        {
            foreach (var feature in Features)
            {
                ScheduleArrival(feature);
            }
        });
    }

    protected override void OnOtherMessage(string from, IMessage message)
    {
        if (message is ServiceResponse response)
        {
            pending.Complete(response.CallId, new ServiceReply(response.Ok, response.Detail));
        }
    }

    private static bool IsFailure(Outcome<ServiceReply> outcome) => outcome.Exception is not null || outcome.Result is { Ok: false };

    private ResiliencePipeline<ServiceReply> Pipeline(string service, TimeSpan? timeout)
    {
        var builder = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = cluster.Clock }
            .AddRetry(new RetryStrategyOptions<ServiceReply>
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.Zero,
                Randomizer = Random.Derive($"retry:{service}").NextDouble,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome) && args.Outcome.Exception is not BrokenCircuitException),
                OnRetry = _ =>
                {
                    Retries++;
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ServiceReply>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = TimeSpan.FromSeconds(3),
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            });
        if (timeout is { } t)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = t });
        }
        return builder.Build();
    }

    private void ScheduleArrival(Feature feature)
    {
        double rate = cluster.Settings.RequestsPerSecond * feature.Share;
        StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / rate)), () =>
        {
            ScheduleArrival(feature);
            Arrive(feature);
        });
    }

    private void Arrive(Feature feature)
    {
        if (Busy >= cluster.Settings.GatewaySlots)
        {
            cluster.Book(feature.Id).Add(Now, CallOutcome.NoSlot);
            return;
        }
        Busy++;
        _ = ServeAsync(feature);
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task ServeAsync(Feature feature)
    {
        try
        {
            var outcome = CallOutcome.Success;
            IReadOnlyList<string> steps = cluster.IsMonolith ? [MonolithId] : feature.Services;
            foreach (string service in steps)
            {
                var step = await CallServiceAsync(service).ConfigureAwait(false);
                if (!cluster.IsMonolith)
                {
                    cluster.ServiceBook(service).Add(Now, step);
                }
                if (step != CallOutcome.Success)
                {
                    outcome = step;
                    break;
                }
            }
            Busy--;
            cluster.Book(feature.Id).Add(Now, outcome);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async ValueTask<CallOutcome> CallServiceAsync(string service)
    {
        var pipeline = (cluster.NoTimeouts ? unguarded : guarded)[service];
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false);
        Outcome<ServiceReply> outcome;
        try
        {
            outcome = await pipeline.ExecuteOutcomeAsync(static (c, s) => s.Self.AttemptAsync(s.Service, c), context, (Self: this, Service: service)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        return outcome switch
        {
            { Exception: BrokenCircuitException } => CallOutcome.Rejected,
            { Result.Ok: true } => CallOutcome.Success,
            _ => CallOutcome.Failure,
        };
    }

    /// <summary>One attempt: the next instance of the service from the registry cache, in turn.</summary>
    private ValueTask<Outcome<ServiceReply>> AttemptAsync(string service, ResilienceContext context)
    {
        string? instance = service == MonolithId ? MonolithId : Pick(service);
        if (instance is null)
        {
            return ValueTask.FromResult(Outcome.FromResult(new ServiceReply(false, $"no instance of {service}")));
        }
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(instance, new ServiceRequest(callId));
        return reply;
    }

    private string? Pick(string service)
    {
        var cache = Cache;
        int count = 0;
        foreach (string id in cache)
        {
            count += MicroservicesCluster.IsInstanceOf(id, service) ? 1 : 0;
        }
        if (count == 0)
        {
            return null;
        }
        int turn = turns.GetValueOrDefault(service);
        turns[service] = turn + 1;
        int wanted = turn % count;
        foreach (string id in cache)
        {
            if (MicroservicesCluster.IsInstanceOf(id, service) && wanted-- == 0)
            {
                return id;
            }
        }
        return null;
    }
}
