using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Simulation.Tests.TestSupport;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker.CircuitBreakerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker;

/// <summary>
/// Async Polly on a single-threaded simulation: every continuation must run inline on the stepping thread, so the same
/// seed and inputs give the same run, event for event, whichever thread (and SynchronizationContext) steps it.
/// </summary>
public sealed class CircuitBreakerReplayTests
{
    private static readonly TimeSpan End = TimeSpan.FromSeconds(40);

    [Fact]
    public void Run_UnderASynchronizationContext_IdenticalToPlainThreadAndNothingPosted()
    {
        var plain = WithContext(null, () => RunScript(31));
        var context = new RecordingSynchronizationContext();

        var underContext = WithContext(context, () => RunScript(31));

        Runs.AssertSameRun(31, plain, underContext);
        Assert.Equal(0, context.Posted);
        Assert.Equal(0, underContext.InternalErrors);
        Assert.Same(context, WithContext(context, () => { RunScript(32); return SynchronizationContext.Current; }));
    }

    [Fact]
    public void Run_OnAnotherThreadWithAContext_IdenticalRun()
    {
        var plain = WithContext(null, () => RunScript(41));
        CircuitBreakerCluster? other = null;
        var thread = new Thread(() => other = WithContext(new RecordingSynchronizationContext(), () => RunScript(41)));
        thread.Start();
        thread.Join();

        Runs.AssertSameRun(41, plain, other!);
    }

    /// <summary>Faults, settings changes, isolate and close, the break-it switch, at times that give every state a turn.</summary>
    private static CircuitBreakerCluster RunScript(long seed)
    {
        var cluster = Create(seed);
        cluster.RunUntil(TimeSpan.FromSeconds(2));
        var slow = Inject(cluster, Fault.Latency, ServiceA, 2500)!;
        cluster.RunUntil(TimeSpan.FromSeconds(9));
        Inject(cluster, Fault.SetBreakDuration, ServiceA, 1500);
        Inject(cluster, Fault.ErrorRate, ServiceB, 70);
        cluster.RunUntil(TimeSpan.FromSeconds(14));
        cluster.ClearFault(slow.Id);
        var isolate = Inject(cluster, Fault.Isolate, ServiceA)!;
        Inject(cluster, Fault.Load, ServiceB, 60);
        cluster.RunUntil(TimeSpan.FromSeconds(18));
        Inject(cluster, Fault.Close, ServiceA);
        Inject(cluster, Fault.SetFailureRatio, ServiceB, 0.8);
        cluster.RunUntil(TimeSpan.FromSeconds(22));
        var removed = Inject(cluster, Fault.RemoveBreakers)!;
        Inject(cluster, Fault.HardDown, ServiceA);
        cluster.RunUntil(TimeSpan.FromSeconds(30));
        cluster.ClearFault(removed.Id);
        Inject(cluster, Fault.Recover, ServiceA);
        Inject(cluster, Fault.Recover, ServiceB);
        cluster.RunUntil(End);
        Assert.False(cluster.Faults.Contains(isolate.Id));
        return cluster;
    }

    private static T WithContext<T>(SynchronizationContext? context, Func<T> action)
    {
        var saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }

    /// <summary>Like a UI context: anything posted would run later, elsewhere. It counts posts instead of running them.</summary>
    private sealed class RecordingSynchronizationContext : SynchronizationContext
    {
        public int Posted;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref Posted);

        public override SynchronizationContext CreateCopy() => this;
    }
}
