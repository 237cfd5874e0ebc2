using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;

namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>
/// A remote service with a fixed number of slots and a bounded queue. Each request takes a latency drawn from its
/// profile. Faults are Polly's chaos strategies on simulated time with seeded randomness: an error rate (an outcome
/// strategy) and added latency (a latency strategy). Hard down is a crash: requests get no answer at all.
/// </summary>
public sealed class DownstreamService : SimulationNode
{
    private readonly Queue<(string From, ServiceRequest Request)> waiting = new();
    private readonly ResiliencePipeline<ServiceReply> chaos;
    private readonly SeededRandom latencyRandom;
    private readonly Action<Exception> onError;
    // Bumped by a crash so that work begun in an earlier life never answers.
    private int life;

    public DownstreamService(SimulationBase simulation, string id, string label, ServiceProfile profile, Action<Exception> onError)
        : base(simulation, id, label)
    {
        Profile = profile;
        this.onError = onError;
        latencyRandom = Random.Derive("latency");
        var latencyChance = Random.Derive("chaos-latency");
        var outcomeChance = Random.Derive("chaos-outcome");
        chaos = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = simulation.Clock }
            .AddChaosLatency(new ChaosLatencyStrategyOptions
            {
                EnabledGenerator = _ => ValueTask.FromResult(AddedLatency > TimeSpan.Zero),
                InjectionRateGenerator = _ => ValueTask.FromResult(LatencyShare),
                LatencyGenerator = _ => ValueTask.FromResult(AddedLatency),
                Randomizer = latencyChance.NextDouble,
            })
            .AddChaosOutcome(new ChaosOutcomeStrategyOptions<ServiceReply>
            {
                EnabledGenerator = _ => ValueTask.FromResult(ErrorRate > 0),
                InjectionRateGenerator = _ => ValueTask.FromResult(ErrorRate),
                OutcomeGenerator = _ => ValueTask.FromResult<Outcome<ServiceReply>?>(Outcome.FromResult(ServiceReply.ServerError)),
                Randomizer = outcomeChance.NextDouble,
            })
            .Build();
    }

    public ServiceProfile Profile { get; }

    /// <summary>Share of requests answered with a server error, 0 to 1.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Latency added to requests (a slow dependency, a long GC, a cold cache).</summary>
    public TimeSpan AddedLatency { get; set; }

    /// <summary>Share of requests that get <see cref="AddedLatency"/>, 0 to 1: all of them by default, fewer for spikes.</summary>
    public double LatencyShare { get; set; } = 1;

    /// <summary>
    /// Computes the answer to a request once its time is served, for services whose answers carry content (null: a
    /// plain "ok"). It runs on the service itself, so it may crash it: a crashed service then sends nothing.
    /// </summary>
    public Func<ServiceRequest, ServiceReply>? Answer { get; init; }

    /// <summary>Runs for every request that reaches the service, before it is served: for monitors that watch what gets through.</summary>
    public Action<string, ServiceRequest>? Arrived { get; init; }

    public int Busy { get; private set; }

    public int Queued => waiting.Count;

    public long Received { get; private set; }

    public long Answered { get; private set; }

    public long Errors { get; private set; }

    public long Overloaded { get; private set; }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is not ServiceRequest request)
        {
            return;
        }
        Received++;
        Arrived?.Invoke(from, request);
        if (Busy < Profile.Slots)
        {
            Begin(from, request);
        }
        else if (waiting.Count < Profile.QueueLimit)
        {
            waiting.Enqueue((from, request));
        }
        else
        {
            Overloaded++;
            Send(from, new ServiceResponse(request.CallId, false, "overloaded"));
        }
    }

    protected override void OnCrash()
    {
        life++;
        waiting.Clear();
        Busy = 0;
    }

    private void Begin(string from, ServiceRequest request)
    {
        Busy++;
        _ = ServeAsync(from, request, life);
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task ServeAsync(string from, ServiceRequest request, int startedIn)
    {
        try
        {
            var outcome = IsChaosOn ? await ServeWithChaosAsync().ConfigureAwait(false) : await WorkAsync().ConfigureAwait(false);
            if (startedIn != life || !IsUp)
            {
                return;
            }
            var reply = outcome.Result is { Ok: true } && Answer is not null ? Answer(request) : outcome.Result ?? ServiceReply.ServerError;
            if (startedIn != life || !IsUp)
            {
                return; // the answer crashed it
            }
            Busy--;
            Answered++;
            Errors += reply.Ok ? 0 : 1;
            Send(from, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
            if (waiting.Count > 0 && Busy < Profile.Slots)
            {
                var (next, nextRequest) = waiting.Dequeue();
                Begin(next, nextRequest);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            onError(error);
        }
    }

    // With neither fault set, Polly's chaos strategies pass a request straight through without drawing a random number;
    // skipping them then saves their per-request async machinery and changes nothing.
    private bool IsChaosOn => AddedLatency > TimeSpan.Zero || ErrorRate > 0;

    private async ValueTask<Outcome<ServiceReply>> ServeWithChaosAsync()
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false);
        try
        {
            return await chaos.ExecuteOutcomeAsync(static (_, self) => self.WorkAsync(), context, this).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ValueTask<Outcome<ServiceReply>> WorkAsync()
    {
        var done = new TaskCompletionSource<Outcome<ServiceReply>>();
        var latency = Profile.BaseLatency + latencyRandom.NextExponential(Profile.LatencyTail);
        StartTimer(latency, () =>
        {
            done.TrySetResult(Outcome.FromResult(ServiceReply.Success));
        });
        return new ValueTask<Outcome<ServiceReply>>(done.Task);
    }
}
