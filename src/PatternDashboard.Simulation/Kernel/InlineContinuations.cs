namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// Simulation code runs with no SynchronizationContext. Completing a task runs its awaiting code right there only
/// when the thread has none: under one (Blazor's renderer, a test runner) .NET posts even ConfigureAwait(false)
/// continuations to the thread pool, where they would race the simulation and break replay. The scheduler and the
/// fault entry points enter this scope, so patterns that await (Polly's delays, timeouts, pending calls) stay
/// deterministic whatever thread steps them.
/// </summary>
internal readonly struct InlineContinuations : IDisposable
{
    private readonly SynchronizationContext? saved;

    private InlineContinuations(SynchronizationContext? saved) => this.saved = saved;

    public static InlineContinuations Enter()
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
}
