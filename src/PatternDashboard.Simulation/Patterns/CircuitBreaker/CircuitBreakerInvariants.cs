using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>Every change of state is one the state machine allows: Polly's own, or an operator's isolate or close.</summary>
public sealed class LegalTransitionsMonitor(IReadOnlyList<ServiceBreaker> breakers)
    : InvariantMonitor(MonitorId, "A breaker changes state only as its state machine allows")
{
    public const string MonitorId = "legal-transitions";

    private readonly Dictionary<ServiceBreaker, long> checkedUpTo = [];

    public override string? Check()
    {
        string? problem = null;
        // Index loops: these run after every event, and foreach over an interface allocates its enumerator.
        for (int i = 0; i < breakers.Count; i++)
        {
            var breaker = breakers[i];
            long seen = checkedUpTo.GetValueOrDefault(breaker);
            long total = breaker.Timeline.TransitionCount;
            if (total == seen)
            {
                continue;
            }
            var fresh = breaker.Timeline.Recent.TakeLast((int)Math.Min(total - seen, BreakerTimeline.MaxTransitions));
            foreach (var t in fresh)
            {
                bool legal = t.Manual ? BreakerStates.IsManualTransition(t.From, t.To) : BreakerStates.IsAutomaticTransition(t.From, t.To);
                if (!legal)
                {
                    problem ??= $"Breaker {breaker.ServiceId} went from {t.From} to {t.To} ({t.Reason}).";
                }
            }
            checkedUpTo[breaker] = total;
        }
        return problem;
    }
}

/// <summary>While a breaker is Open or Isolated, no call reaches its service.</summary>
public sealed class NoCallWhileOpenMonitor(CircuitBreakerCluster cluster)
    : InvariantMonitor(MonitorId, "No call reaches a service while its breaker is Open")
{
    public const string MonitorId = "no-call-while-open";

    private long seen;

    public override string? Check()
    {
        long now = cluster.CallsWhileOpen;
        if (now == seen)
        {
            return null;
        }
        long fresh = now - seen;
        seen = now;
        return $"{fresh} call(s) reached a service whose breaker was open.";
    }
}

/// <summary>Half-Open admits one probe (Polly's rule); every other call is refused until that probe ends.</summary>
public sealed class HalfOpenProbeMonitor(IReadOnlyList<ServiceBreaker> breakers)
    : InvariantMonitor(MonitorId, "Half-Open lets only the configured probe through (one call)")
{
    public const string MonitorId = "half-open-probes";
    public const int AllowedProbes = 1;

    public override string? Check()
    {
        for (int i = 0; i < breakers.Count; i++)
        {
            var breaker = breakers[i];
            if (breaker.State == BreakerStates.HalfOpen && breaker.ProbesThisHalfOpen > AllowedProbes)
            {
                return $"Breaker {breaker.ServiceId} let {breaker.ProbesThisHalfOpen} calls through while Half-Open.";
            }
        }
        return null;
    }
}

/// <summary>
/// The point of the pattern: a service that has had no fault of its own for the whole 10 s window keeps serving at
/// least half of the requests sent its way. Requests its own breaker refused are left out (a policy's choice); what
/// counts is a healthy service failing because of something else, which is a cascading failure.
/// </summary>
public sealed class HealthyServiceMonitor(CircuitBreakerCluster cluster)
    : InvariantMonitor(MonitorId, "A healthy service keeps serving: at least half its requests succeed (10 s window)")
{
    public const string MonitorId = "healthy-keeps-serving";
    public const double MinimumShare = 0.5;
    public const int MinimumRequests = 20;

    // Live settings can turn the breaker off in all but name (failure ratio 1, a minimum throughput of millions), and
    // load can exceed the caller's own slots: then a cascade is what the settings asked for, not a broken pattern.
    public override bool HoldsUnderAnyInputs => false;

    private readonly Dictionary<string, TimeSpan> lastUnhealthy = new(StringComparer.Ordinal);

    public override string? Check()
    {
        var now = cluster.Clock.Now;
        string? problem = null;
        var breakers = cluster.Breakers;
        for (int i = 0; i < breakers.Count; i++)
        {
            var breaker = breakers[i];
            string id = breaker.ServiceId;
            if (!cluster.IsHealthy(id))
            {
                lastUnhealthy[id] = now;
                continue;
            }
            if (lastUnhealthy.TryGetValue(id, out var since) && now - since < CircuitBreakerCluster.SuccessWindow)
            {
                continue;
            }
            var counts = breaker.Stats.Over(now, CircuitBreakerCluster.SuccessWindow);
            if (counts.Success + counts.Failure + counts.NoSlot >= MinimumRequests && counts.ServedRatio < MinimumShare)
            {
                problem ??= $"Service {id} has no fault, yet only {counts.ServedRatio:P0} of the requests for it succeeded (cascading failure).";
            }
        }
        return problem;
    }
}
