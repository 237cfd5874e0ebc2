namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// Simulation code runs with no SynchronizationContext. Completing a task runs its awaiting code right there only
/// when the thread has none: under one (Blazor's renderer, a test runner) .NET posts even ConfigureAwait(false)
/// continuations to the thread pool, where they would race the simulation and break replay. The scheduler and the
/// fault entry points enter this scope, so patterns that await (Polly's delays, timeouts, pending calls) stay
/// deterministic whatever thread steps them. Its static helpers let such work run on without losing its errors.
/// </summary>
public readonly struct InlineContinuations : IDisposable
{
    private readonly SynchronizationContext? saved;

    private InlineContinuations(SynchronizationContext? saved) => this.saved = saved;

    internal static InlineContinuations Enter()
    {
        var saved = SynchronizationContext.Current;
        if (saved is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
        return new InlineContinuations(saved);
    }

    public void Dispose()
    {
        if (saved is not null)
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }

    /// <summary>
    /// Lets a task run on by itself. A fault, now or when it ends, goes to <paramref name="onError"/>; the check runs
    /// synchronously where the task completes, which is always the simulation's own thread.
    /// </summary>
    public static void Forget(Task task, Action<Exception> onError)
    {
        if (task.IsCompleted)
        {
            Report(task, onError);
            return;
        }
        task.ContinueWith(static (t, state) => Report(t, (Action<Exception>)state!), onError,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Polly's control calls (isolate, close) finish at once when no state callbacks are set; anything else is a wiring bug.</summary>
    public static void RequireCompleted(Task task, string what)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException($"{what} did not complete synchronously; the simulation cannot wait for it.");
        }
        task.GetAwaiter().GetResult();
    }

    private static void Report(Task task, Action<Exception> onError)
    {
        if (task.Exception is { } error)
        {
            onError(error.InnerException ?? error);
        }
    }
}
