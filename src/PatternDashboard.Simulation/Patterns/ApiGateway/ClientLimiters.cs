using System.Threading.RateLimiting;
using PatternDashboard.Simulation.Patterns.Shared.RateLimiting;
using Polly;
using Polly.RateLimiting;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>Which limiter a client gets.</summary>
public enum LimiterKind
{
    TokenBucket,
    FixedWindow,
}

/// <summary>
/// One rate limiter per client, each behind Polly's rate limiter strategy, on the simulation's clock. The store is
/// outside the gateway processes (as Kong's cluster policy keeps counters in a shared database): both gateway
/// instances consult the same limiter, and a gateway restart does not hand every client a full bucket again.
/// </summary>
public sealed class ClientLimiters(TimeProvider clock, ApiGatewaySettings settings)
{
    private static readonly ValueTask<Outcome<bool>> Admitted = ValueTask.FromResult(Outcome.FromResult(true));

    private readonly Dictionary<string, (ReplenishingRateLimiter Limiter, ResiliencePipeline Pipeline)> limiters = new(StringComparer.Ordinal);

    public LimiterKind Kind { get; private set; } = LimiterKind.TokenBucket;

    /// <summary>Replaces every client's limiter with a fresh one of this kind.</summary>
    public void Use(LimiterKind kind)
    {
        Kind = kind;
        foreach (var client in limiters.Keys.ToList())
        {
            limiters[client] = Build(kind);
        }
    }

    /// <summary>Asks the client's limiter through Polly: null when admitted, else how long until it may try again.</summary>
    public TimeSpan? TryAdmit(string clientId)
    {
        var pipeline = Entry(clientId).Pipeline;
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false);
        try
        {
            var pending = pipeline.ExecuteOutcomeAsync(static (_, _) => Admitted, context, 0);
            // Both limiters answer at once, so Polly's strategy completes without waiting.
            if (!pending.IsCompleted)
            {
                throw new InvalidOperationException("The rate limiter did not answer at once; the simulation cannot wait for it.");
            }
            return pending.Result.Exception switch
            {
                null => null,
                RateLimiterRejectedException rejected => rejected.RetryAfter ?? TimeSpan.Zero,
                var other => throw other,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Tokens in the client's bucket, or requests left in its window; changes nothing.</summary>
    public double Level(string clientId) => Entry(clientId).Limiter switch
    {
        ClockedTokenBucket bucket => bucket.Tokens,
        ClockedFixedWindow window => window.Remaining,
        _ => 0,
    };

    /// <summary>The most the level can be: the bucket's capacity or the window's limit.</summary>
    public double LevelMax => Kind == LimiterKind.TokenBucket ? settings.BucketCapacity : settings.WindowLimit;

    private (ReplenishingRateLimiter Limiter, ResiliencePipeline Pipeline) Entry(string clientId)
    {
        if (!limiters.TryGetValue(clientId, out var entry))
        {
            entry = Build(Kind);
            limiters.Add(clientId, entry);
        }
        return entry;
    }

    private (ReplenishingRateLimiter, ResiliencePipeline) Build(LimiterKind kind)
    {
        ReplenishingRateLimiter limiter = kind == LimiterKind.TokenBucket
            ? new ClockedTokenBucket(clock, settings.BucketCapacity, settings.RefillPerSecond)
            : new ClockedFixedWindow(clock, settings.WindowLimit, settings.Window);
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }.AddRateLimiter(limiter).Build();
        return (limiter, pipeline);
    }
}
