using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// Looks at every saga whose effects changed since the last event, once per event for both monitors that need it, and
/// remembers what went wrong: damage done (money taken twice, a saga left half done) stays reported.
/// </summary>
public sealed class SagaAudit(SagaCluster cluster)
{
    private long auditedAt = -1;

    public int BadEndings { get; private set; }

    public string? LastBadEnding { get; private set; }

    public int Unbalanced { get; private set; }

    public string? LastUnbalanced { get; private set; }

    public void Run()
    {
        if (auditedAt == cluster.Scheduler.ExecutedCount)
        {
            return;
        }
        auditedAt = cluster.Scheduler.ExecutedCount;
        foreach (var tracker in cluster.Trackers)
        {
            if (tracker.Dirty.Count == 0)
            {
                continue;
            }
            foreach (int number in tracker.Dirty)
            {
                if (tracker.Find(number) is { } trace)
                {
                    Judge(tracker.Style, trace);
                }
            }
            tracker.ClearDirty();
        }
    }

    private void Judge(SagaStyle style, SagaTrace trace)
    {
        string who = $"{SagaPattern.StyleWord(style)} saga #{trace.Order.Number}";
        if (Ending(trace) is { } ending)
        {
            BadEndings++;
            LastBadEnding = $"{who} {ending}.";
        }
        if (Balance(trace) is { } balance)
        {
            Unbalanced++;
            LastUnbalanced = $"{who} (order of {trace.Order.Value}, {trace.Order.Quantity} items): {balance}.";
        }
    }

    /// <summary>Completed means T1..T4; compensated means T1..Tj then Cj..C1, nothing else.</summary>
    private static string? Ending(SagaTrace trace)
    {
        switch (trace.Status)
        {
            case SagaStatus.Abandoned:
                return $"failed at step {trace.FailedAt} and stopped without compensating";
            case SagaStatus.Compensated:
                var expected = Enumerable.Range(1, Math.Max(0, trace.FailedAt - 1)).Reverse().ToList();
                return trace.CompensationOrder.SequenceEqual(expected)
                    ? null
                    : $"compensated in the order {Words(trace.CompensationOrder)} instead of {Words(expected)}";
            case SagaStatus.Completed when trace.CompensationOrder.Count > 0:
                return "completed although compensations ran";
            default:
                return null;
        }
    }

    /// <summary>
    /// Each effect at most once, an undo only of what was done; at the end, money and stock balance: a completed order
    /// kept its charge and its stock and shipped once, a compensated one kept nothing. Stuck sagas are reported apart.
    /// </summary>
    private static string? Balance(SagaTrace t)
    {
        if (t.Charges > 1 || t.Reservations > 1 || t.Shipments > 1 || t.Placements > 1)
        {
            return $"charged {t.Charges}, reserved {t.Reservations}, shipped {t.Shipments} times";
        }
        if (t.Refunds > t.Charges || t.Releases > t.Reservations || t.Cancellations > t.Placements)
        {
            return $"refunded {t.Refunds} of {t.Charges} charges, released {t.Releases} of {t.Reservations} reservations";
        }
        bool kept = t.Status == SagaStatus.Completed;
        if (t.Status is SagaStatus.Completed or SagaStatus.Compensated or SagaStatus.Abandoned)
        {
            int money = t.Charges - t.Refunds;
            int stock = t.Reservations - t.Releases;
            int shipped = t.Shipments;
            int expected = kept ? 1 : 0;
            if (money != expected || stock != expected || shipped != expected)
            {
                return $"{t.Status.ToString().ToLowerInvariant()} with {money * t.Order.Value} kept in payments, {stock * t.Order.Quantity} items held " +
                       $"and {shipped * t.Order.Quantity} shipped";
            }
        }
        return null;
    }

    private static string Words(IReadOnlyList<int> steps) => steps.Count == 0 ? "none" : string.Join(", ", steps.Select(s => $"C{s}"));
}

/// <summary>Every saga ends completed (T1..T4) or fully compensated in reverse order (T1..Tj, Cj..C1).</summary>
public sealed class SagaEndsMonitor(SagaAudit audit)
    : InvariantMonitor(MonitorId, "Every saga ends completed, or compensated in reverse")
{
    public const string MonitorId = "saga-ends-right";

    public override string? Check()
    {
        audit.Run();
        return audit.BadEndings == 0 ? null : $"{audit.BadEndings} sagas ended wrongly; the latest: {audit.LastBadEnding}";
    }
}

/// <summary>Money and stock are conserved per saga: taken minus refunded is the value shipped, reserved minus released the stock shipped; duplicates change nothing.</summary>
public sealed class ConservationMonitor(SagaAudit audit)
    : InvariantMonitor(MonitorId, "Money and stock balance; duplicates change nothing")
{
    public const string MonitorId = "money-and-stock-conserved";

    public override string? Check()
    {
        audit.Run();
        return audit.Unbalanced == 0 ? null : $"{audit.Unbalanced} times a saga's books did not balance; the latest: {audit.LastUnbalanced}";
    }
}

/// <summary>
/// No saga hangs: once every node is up and no fault is active, each saga moves on and ends within
/// <see cref="Patience"/> (its steps are retried until answered). A saga may wait while a fault lasts.
/// </summary>
public sealed class NoSagaHangsMonitor(SagaCluster cluster)
    : InvariantMonitor(MonitorId, "No saga hangs once everything is up")
{
    public const string MonitorId = "no-saga-hangs";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(25);

    public override string? Check()
    {
        if (cluster.HealthySince is not { } since)
        {
            return null;
        }
        var now = cluster.Clock.Now;
        foreach (var tracker in cluster.Trackers)
        {
            // Sagas start in number order, so the oldest running one is the first.
            if (tracker.OldestRunning is { } oldest && now - (oldest.Started > since ? oldest.Started : since) > Patience)
            {
                return $"{SagaPattern.StyleWord(tracker.Style)} saga #{oldest.Order.Number} has not ended in {Patience.TotalSeconds:0} s with everything up.";
            }
        }
        return null;
    }
}

/// <summary>
/// No saga is stuck. A compensation that keeps failing (its service erring on every attempt) gives up after its
/// attempts and its saga is reported here, never hidden: it needs a person. Random faults may do that on purpose.
/// </summary>
public sealed class NoSagaStuckMonitor(SagaCluster cluster)
    : InvariantMonitor(MonitorId, "No saga is stuck in a failing compensation")
{
    public const string MonitorId = "no-saga-stuck";

    public override bool HoldsUnderAnyInputs => false;

    public override string? Check()
    {
        long stuck = cluster.Trackers.Sum(t => t.Stuck);
        return stuck == 0 ? null : $"{stuck} sagas are stuck and need a person.";
    }
}
