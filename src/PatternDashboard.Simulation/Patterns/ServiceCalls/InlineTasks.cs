namespace PatternDashboard.Simulation.Patterns.ServiceCalls;

/// <summary>Runs the awaiting parts of a call inline on the simulation's thread and never lets an error pass silently.</summary>
public static class InlineTasks
{
    /// <summary>
    /// Completing a task runs its awaiting code right here only when the thread has no SynchronizationContext: under
    /// one (Blazor's renderer, a test runner) .NET sends even ConfigureAwait(false) continuations to the thread pool,
    /// where they would race the simulation. Complete tasks inside this scope; it puts the context back when disposed.
    /// </summary>
    public static InlineScope Inline()
    {
        var saved = SynchronizationContext.Current;
        if (saved is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
        return new InlineScope(saved);
    }

    /// <summary>
    /// Lets a call run on by itself. A fault, now or when it ends, goes to <paramref name="onError"/>; the check runs
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

    private static void Report(Task task, Action<Exception> onError)
    {
        if (task.Exception is { } error)
        {
            onError(error.InnerException ?? error);
        }
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
}

/// <summary>Restores the SynchronizationContext that <see cref="InlineTasks.Inline"/> removed.</summary>
public readonly struct InlineScope(SynchronizationContext? saved) : IDisposable
{
    public void Dispose()
    {
        if (saved is not null)
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }
}
