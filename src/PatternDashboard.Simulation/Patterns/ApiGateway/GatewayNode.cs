using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// One gateway process. For every request, in order: the token check (401), the client's rate limiter (429), then the
/// route: a single service through Polly (one retry on another instance, a timeout per attempt), or the summary, which
/// calls the three services in parallel and assembles what comes back in time. A crash cancels all it was doing.
/// </summary>
public sealed class GatewayNode : SimulationNode
{
    private readonly ApiGatewayCluster cluster;
    private readonly PendingCalls pending = new();
    private readonly ResiliencePipeline<ServiceReply> single;
    private readonly ResiliencePipeline<ServiceReply> part;
    private readonly Dictionary<string, int> nextInstance = new(StringComparer.Ordinal);
    private CancellationTokenSource life = new();

    public GatewayNode(ApiGatewayCluster cluster, string id, string label) : base(cluster, id, label)
    {
        this.cluster = cluster;
        var timeout = new TimeoutStrategyOptions { Timeout = cluster.Settings.BackendTimeout };
        single = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = cluster.Clock }
            .AddRetry(new RetryStrategyOptions<ServiceReply>
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                Randomizer = Random.Derive("retry").NextDouble,
                // A call ended by the gateway's own crash is not tried again: the process that would try is gone.
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome) && !args.Context.CancellationToken.IsCancellationRequested),
                OnRetry = _ =>
                {
                    Retries++;
                    return default;
                },
            })
            .AddTimeout(timeout)
            .Build();
        part = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = cluster.Clock }.AddTimeout(timeout).Build();
    }

    /// <summary>False for a second instance that is not (or no longer) deployed: clients do not send to it.</summary>
    public bool Deployed { get; set; } = true;

    public long Received { get; private set; }

    public long Forwarded { get; private set; }

    /// <summary>Backend calls tried again on another instance after a failure or a timeout.</summary>
    public long Retries { get; private set; }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case ApiRequest request:
                Handle(from, request);
                break;
            case ServiceResponse response:
                pending.Complete(response.CallId, new ServiceReply(response.Ok, response.Detail));
                break;
        }
    }

    protected override void OnCrash()
    {
        var ended = life;
        life = new CancellationTokenSource();
        ended.Cancel();
        ended.Dispose();
    }

    private static bool IsFailure(Outcome<ServiceReply> outcome) => outcome.Exception is not null || outcome.Result is { Ok: false };

    private void Handle(string client, ApiRequest request)
    {
        Received++;
        var book = cluster.Book(client);
        if (!cluster.Tokens.IsValid(request.Token))
        {
            book.Refused++;
            cluster.RouteBook(request.Route).Refused++;
            Send(client, new ApiResponse(request.RequestId, HttpStatus.Unauthorized, "invalid or expired token"));
            return;
        }
        if (cluster.Limits.TryAdmit(client) is { } retryAfter)
        {
            book.Limited++;
            cluster.RouteBook(request.Route).Limited++;
            Send(client, new ApiResponse(request.RequestId, HttpStatus.TooManyRequests, $"rate limited, retry after {retryAfter.TotalSeconds:0.##} s"));
            return;
        }
        book.Allowed++;
        Forwarded++;
        cluster.NotePass(client, request.Route);
        if (Route.ServiceOf(request.Route) is { } service)
        {
            _ = ForwardAsync(client, request, service, life);
        }
        else
        {
            _ = ComposeAsync(client, request, life);
        }
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task ForwardAsync(string client, ApiRequest request, string service, CancellationTokenSource startedIn)
    {
        try
        {
            var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, startedIn.Token);
            Outcome<ServiceReply> outcome;
            try
            {
                outcome = await single.ExecuteOutcomeAsync(static (c, s) => s.Self.CallAsync(s.Service, s.Token, s.Life, c), context,
                    (Self: this, Service: service, request.Token, Life: startedIn)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
            if (startedIn != life || !IsUp)
            {
                return; // it died meanwhile: a dead process answers nothing
            }
            var (status, detail) = outcome switch
            {
                { Exception: TimeoutRejectedException } => (HttpStatus.GatewayTimeout, $"{service} timed out"),
                { Result.Ok: true } => (HttpStatus.Ok, "ok"),
                _ => (HttpStatus.BadGateway, $"{service}: {outcome.Result?.Detail ?? "no answer"}"),
            };
            cluster.RouteBook(request.Route).Count(status);
            Send(client, new ApiResponse(request.RequestId, status, detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async Task ComposeAsync(string client, ApiRequest request, CancellationTokenSource startedIn)
    {
        try
        {
            var started = Now;
            var parts = new Task<CompositePart>[Service.All.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = PartAsync(Service.All[i], request.Token, started, startedIn);
            }
            var results = await Task.WhenAll(parts).ConfigureAwait(false);
            if (startedIn != life || !IsUp)
            {
                return;
            }
            bool required = results.Where(p => p.Required).All(p => p.Outcome == CompositePart.Answered);
            bool complete = results.All(p => p.Outcome == CompositePart.Answered);
            int status = complete ? HttpStatus.Ok : required ? HttpStatus.Partial : HttpStatus.BadGateway;
            string detail = complete ? "ok" : required
                ? $"partial: no {string.Join(", ", results.Where(p => p.Outcome != CompositePart.Answered).Select(p => p.Service))}"
                : $"failed: no {string.Join(", ", results.Where(p => p.Required && p.Outcome != CompositePart.Answered).Select(p => p.Service))}";
            cluster.RouteBook(request.Route).Count(status);
            cluster.Composites.Add(new CompositeRecord(started.TotalSeconds, status, (Now - started).TotalMilliseconds, results));
            Send(client, new ApiResponse(request.RequestId, status, detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private async Task<CompositePart> PartAsync(string service, string token, TimeSpan started, CancellationTokenSource startedIn)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, startedIn.Token);
        Outcome<ServiceReply> outcome;
        try
        {
            outcome = await part.ExecuteOutcomeAsync(static (c, s) => s.Self.CallAsync(s.Service, s.Token, s.Life, c), context,
                (Self: this, Service: service, Token: token, Life: startedIn)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        string result = outcome switch
        {
            { Exception: TimeoutRejectedException } => CompositePart.TimedOut,
            { Result.Ok: true } => CompositePart.Answered,
            _ => CompositePart.Failed,
        };
        return new CompositePart(service, service != Service.Catalog, 0, Math.Round((Now - started).TotalMilliseconds, 1), result);
    }

    /// <summary>One attempt: the next instance of the service in turn, skipping those that failed a moment ago while others are fine.</summary>
    private ValueTask<Outcome<ServiceReply>> CallAsync(string service, string token, CancellationTokenSource startedIn, ResilienceContext context)
    {
        string instance = cluster.Balancer.Pick(service, nextInstance);
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(instance, new ServiceRequest(callId, token));
        return Watch(instance, reply, startedIn);
    }

    // A failure or timeout counts against the instance; a call cut short by the gateway's own crash does not.
    private async ValueTask<Outcome<ServiceReply>> Watch(string instance, ValueTask<Outcome<ServiceReply>> reply, CancellationTokenSource startedIn)
    {
        var outcome = await reply.ConfigureAwait(false);
        if (IsFailure(outcome) && !startedIn.IsCancellationRequested)
        {
            cluster.Balancer.NoteFailure(instance);
        }
        return outcome;
    }
}
