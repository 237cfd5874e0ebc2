namespace PatternDashboard.Simulation.Patterns.ServiceCalls;

/// <summary>Lets a call run on by itself without an error passing silently (the kernel keeps its continuations inline).</summary>
public static class InlineTasks
{
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
