using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>
/// The helper process: it takes the application's requests and makes the remote call itself through a Polly pipeline
/// (retry with exponential backoff and jitter within a retry budget, then a per-attempt timeout), and keeps its own log
/// and metrics. A crash cancels everything it was doing: nothing it started may still reach the service.
/// </summary>
public sealed class AmbassadorNode : SimulationNode
{
    public const int LogCapacity = 200;

    private static readonly ResiliencePropertyKey<RequestState> RequestKey = new("ambassador.request");

    private readonly AmbassadorCluster cluster;
    private readonly PendingCalls pending = new();
    private readonly Queue<AttemptRecord> log = new();
    private readonly long[] histogram;
    private CancellationTokenSource life = new();
    private long nextRequestId = 1;

    public AmbassadorNode(AmbassadorCluster cluster, AmbassadorSettings settings) : base(cluster, AmbassadorPattern.AmbassadorId, "Ambassador")
    {
        this.cluster = cluster;
        Settings = settings;
        Budget = new RetryBudget(settings.RetryBudgetShare);
        histogram = new long[settings.MaxAttempts];
        var clock = cluster.Clock;
        Careful = Build(clock, new RetryStrategyOptions<ServiceReply>
        {
            MaxRetryAttempts = settings.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.BaseDelay,
            MaxDelay = TimeSpan.FromSeconds(10),
            Randomizer = Random.Derive("jitter").NextDouble,
            // The budget is asked only when a retry would follow, so the last attempt never spends it.
            ShouldHandle = args => ValueTask.FromResult(
                IsFailure(args.Outcome) && args.AttemptNumber < settings.MaxAttempts - 1 && Budget.TryRetry(Now)),
            OnRetry = args => LogRetry(args),
        });
        Storm = Build(clock, new RetryStrategyOptions<ServiceReply>
        {
            MaxRetryAttempts = settings.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.Zero,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            OnRetry = args => LogRetry(args),
        });
    }

    public AmbassadorSettings Settings { get; }

    public RetryBudget Budget { get; }

    /// <summary>With backoff, jitter and the budget.</summary>
    public ResiliencePipeline<ServiceReply> Careful { get; }

    /// <summary>The "break it" pipeline: immediate retries, no budget.</summary>
    public ResiliencePipeline<ServiceReply> Storm { get; }

    public int MostAttemptsSeen { get; private set; }

    /// <summary>Requests that took more attempts than the maximum; the monitor expects none.</summary>
    public long OverLimit { get; private set; }

    public IReadOnlyList<long> Histogram => histogram;

    public IReadOnlyList<AttemptRecord> OwnLog => [.. log];

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is ServiceRequest request)
        {
            _ = HandleAsync(from, request.CallId, life);
        }
        else if (message is ServiceResponse response)
        {
            pending.Complete(response.CallId, new ServiceReply(response.Ok, response.Detail));
        }
    }

    protected override void OnCrash()
    {
        var ended = life;
        life = new CancellationTokenSource();
        ended.Cancel();
        ended.Dispose();
    }

    private ResiliencePipeline<ServiceReply> Build(TimeProvider clock, RetryStrategyOptions<ServiceReply> retry) =>
        new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = clock }
            .AddRetry(retry)
            .AddTimeout(new TimeoutStrategyOptions { Timeout = Settings.AttemptTimeout })
            .Build();

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task HandleAsync(string from, long callId, CancellationTokenSource startedIn)
    {
        try
        {
            var state = new RequestState(nextRequestId++);
            Budget.RecordRequest(Now);
            var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, startedIn.Token);
            context.Properties.Set(RequestKey, state);
            Outcome<ServiceReply> outcome;
            try
            {
                var pipeline = cluster.RetryStorm ? Storm : Careful;
                outcome = await pipeline.ExecuteOutcomeAsync(static (c, s) => s.Self.AttemptAsync(s.State, c), context, (Self: this, State: state))
                    .ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
            if (startedIn != life || !IsUp)
            {
                return; // it died meanwhile: a dead process answers nothing
            }
            var reply = outcome.Result ?? new ServiceReply(false, Describe(outcome));
            histogram[Math.Min(state.Attempts, histogram.Length) - 1]++;
            Write(new AttemptRecord(Now.TotalSeconds, state.Id, state.Attempts, Describe(outcome), state.LastLatency.TotalMilliseconds, null));
            Send(from, new ServiceResponse(callId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async ValueTask<Outcome<ServiceReply>> AttemptAsync(RequestState state, ResilienceContext context)
    {
        state.Attempts++;
        MostAttemptsSeen = Math.Max(MostAttemptsSeen, state.Attempts);
        if (state.Attempts > Settings.MaxAttempts)
        {
            OverLimit++;
        }
        var started = Now;
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(AmbassadorPattern.ServiceId, new ServiceRequest(callId));
        var outcome = await reply.ConfigureAwait(false);
        state.LastLatency = Now - started;
        cluster.RecordAttempt(outcome.Result is { Ok: true }, state.LastLatency);
        return outcome;
    }

    private ValueTask LogRetry(OnRetryArguments<ServiceReply> args)
    {
        var state = args.Context.Properties.GetValue(RequestKey, null!);
        Write(new AttemptRecord(Now.TotalSeconds, state.Id, args.AttemptNumber + 1, Describe(args.Outcome), args.Duration.TotalMilliseconds,
            args.RetryDelay.TotalMilliseconds));
        return ValueTask.CompletedTask;
    }

    private void Write(AttemptRecord record)
    {
        log.Enqueue(record);
        if (log.Count > LogCapacity)
        {
            log.Dequeue();
        }
    }

    private static bool IsFailure(Outcome<ServiceReply> outcome) => outcome.Exception is not null || outcome.Result is { Ok: false };

    private static string Describe(Outcome<ServiceReply> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "timed out",
        { Exception: OperationCanceledException } => "cancelled",
        { Exception: { } e } => e.GetType().Name,
        { Result: { Ok: true } } => AmbassadorPattern.OkOutcome,
        { Result: { } r } => r.Detail,
        _ => "no answer",
    };

    private sealed class RequestState(long id)
    {
        public long Id { get; } = id;

        public int Attempts { get; set; }

        public TimeSpan LastLatency { get; set; }
    }
}
