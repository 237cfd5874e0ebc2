using PatternDashboard.Simulation.Kernel;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// The Polly pipeline every step and compensation runs through, in both styles, on the simulated clock: a timeout per
/// attempt inside retries with exponential backoff and seeded jitter. An error or a timeout is retried; a refusal is an
/// answer, never retried.
/// </summary>
public static class SagaRetries
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <param name="retries">int.MaxValue for forward steps (retried until the service answers yes or no).</param>
    public static ResiliencePipeline<StepOutcome> Build(TimeProvider clock, int retries, TimeSpan attemptTimeout, SeededRandom jitter) =>
        new ResiliencePipelineBuilder<StepOutcome> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<StepOutcome>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                Randomizer = jitter.NextDouble,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is TimeoutRejectedException || args.Outcome is { Exception: null, Result: StepOutcome.Error }),
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = attemptTimeout })
            .Build();

    /// <summary>Runs one step or compensation through the pipeline; anything but an answer (retries exhausted, a crash) is an error.</summary>
    public static async Task<StepOutcome> RunAsync<TState>(
        ResiliencePipeline<StepOutcome> pipeline, Func<ResilienceContext, TState, ValueTask<Outcome<StepOutcome>>> attempt, TState state, CancellationToken token)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, token);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(attempt, context, state).ConfigureAwait(false);
            return outcome.Exception is null ? outcome.Result : StepOutcome.Error;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
