using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// Every request is answered by exactly one backend: the customer never gets a second answer from another backend,
/// and a shadow's answer never reaches it. Red for <see cref="Memory"/> after the last such answer.
/// </summary>
public sealed class OneAnsweringBackendMonitor(StranglerFigCluster cluster)
    : InvariantMonitor(MonitorId, "One backend answers each request; a shadow never does")
{
    public const string MonitorId = "one-answering-backend";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    public override string? Check() =>
        cluster.LastSecondAnswerAt is { } last && cluster.Clock.Now - last < Memory
            ? $"{cluster.SecondAnswers} request(s) answered by two backends; last: {cluster.LastSecondAnswer}."
            : null;
}

/// <summary>After a rollback, every request of the feature routed while it stays rolled back is answered by the monolith.</summary>
public sealed class RollbackRestoresLegacyMonitor(StranglerFigCluster cluster)
    : InvariantMonitor(MonitorId, "A rollback restores legacy answers")
{
    public const string MonitorId = "rollback-restores-legacy";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    public override string? Check() =>
        cluster.LastStrayAnswerAt is { } last && cluster.Clock.Now - last < Memory
            ? $"{cluster.StrayAnswers} answer(s) after a rollback came from a new service; last: {cluster.LastStrayAnswer}."
            : null;
}

/// <summary>
/// A bug in one feature never takes the others down: at most one feature fails half its customers' requests over the
/// last 2 s. Crashing the monolith or the facade defeats it on purpose, so random inputs leave it out.
/// </summary>
public sealed class BugStaysInItsFeatureMonitor(StranglerFigCluster cluster)
    : InvariantMonitor(MonitorId, "A bug stays in its feature: at most one fails")
{
    public const string MonitorId = "bug-stays-in-its-feature";

    public override bool HoldsUnderAnyInputs => false;

    public override string? Check()
    {
        var failing = cluster.FailingFeatures();
        return failing.Count >= 2 ? $"{failing.Count} features fail at once: {string.Join(", ", failing)}." : null;
    }
}

/// <summary>Every checkout charges the customer once. Shadowing the write charges twice, which this turns red for.</summary>
public sealed class ChargedOnceMonitor(StranglerFigCluster cluster)
    : InvariantMonitor(MonitorId, "Each checkout charges once")
{
    public const string MonitorId = "charged-once";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    // The shadow-writes fault exists to break this; random inputs would give it.
    public override bool HoldsUnderAnyInputs => false;

    public override string? Check() =>
        cluster.Payments.LastDoubleAt is { } last && cluster.Clock.Now - last < Memory
            ? $"{cluster.Payments.DoubleCharges} order(s) charged twice; last: {cluster.Payments.LastDouble}."
            : null;
}
