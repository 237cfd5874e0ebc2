namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>What the Strangler Fig page shows beyond the nodes.</summary>
/// <param name="BigBang">True while "break it" has every feature on the rewrite.</param>
/// <param name="ShadowWrites">True while checkout, a write, is shadowed.</param>
/// <param name="Progress">Migration progress, 0 to 1: each feature's stage out of retired.</param>
/// <param name="Migrating">The feature the plan is moving now, or null.</param>
/// <param name="StageSeconds">How long a feature stays in a stage at least.</param>
public sealed record StranglerFigDetails(
    bool BigBang,
    bool ShadowWrites,
    double Progress,
    int Retired,
    string? Migrating,
    double StageSeconds,
    double MismatchLimit,
    double ErrorLimit,
    long Charges,
    long DoubleCharges,
    long SecondAnswers,
    long StrayAnswers,
    IReadOnlyList<string> FailingFeatures,
    IReadOnlyList<RouteRow> Routes);

/// <summary>One row of the routing table, with its live numbers (shares over the last 2 s, mismatches over the last 10 s).</summary>
/// <param name="Stage">"legacy", "shadow", "canary", "new" or "retired".</param>
/// <param name="NewShare">Share of the feature's answers the new service gave.</param>
/// <param name="MismatchShare">Real mismatches among shadow comparisons, noise left out.</param>
/// <param name="NaiveMismatchShare">Comparisons with any difference at all: what a comparison without a baseline would call mismatches.</param>
/// <param name="ComparedRecently">Shadow comparisons in the last 10 s: 0 once the feature has left shadow.</param>
/// <param name="NoisyFields">Fields the noise baseline found differing between two monolith answers.</param>
public sealed record RouteRow(
    string Feature,
    string Service,
    string Stage,
    int CanaryPercent,
    double StageAgeSeconds,
    bool Held,
    bool Buggy,
    bool Write,
    double PerSecond,
    double LegacyShare,
    double NewShare,
    double FailedShare,
    double MismatchShare,
    double NaiveMismatchShare,
    double ComparedRecently,
    long Compared,
    long RealMismatches,
    long NaiveMismatches,
    IReadOnlyList<string> NoisyFields,
    long ByLegacy,
    long ByNew,
    long Failed,
    int Rollbacks,
    string? LastRollback);

public sealed partial class StranglerFigCluster
{
    public StranglerFigDetails Details() => new(
        BigBang,
        ShadowWrites,
        Math.Round(Routes.Sum(StagePoints) / (4.0 * routes.Count), 3),
        Routes.Count(r => r.Stage == RouteStage.Retired),
        Migrating,
        StageTime.TotalSeconds,
        MismatchLimit,
        ErrorLimit,
        Payments.Charges,
        Payments.DoubleCharges,
        SecondAnswers,
        StrayAnswers,
        FailingFeatures(),
        [.. Routes.Select(Row)]);

    private static double StagePoints(FeatureRoute route) => route.Stage switch
    {
        RouteStage.Legacy => 0,
        RouteStage.Shadow => 1,
        RouteStage.Canary => route.CanaryPercent < 50 ? 1.5 : 2,
        RouteStage.New => 3,
        _ => 4,
    };

    private RouteRow Row(FeatureRoute route) => new(
        route.Feature,
        StranglerFigPattern.ServiceId(route.Feature),
        BigBang ? "big bang" : route.Stage.ToString().ToLowerInvariant(),
        BigBang ? 100 : route.CanaryPercent,
        Math.Round((Clock.Now - route.StageSince).TotalSeconds, 1),
        route.Held,
        bugs[route.Feature].Any,
        StranglerFigPattern.Feature.IsWrite(route.Feature),
        route.PerSecond,
        route.LegacyShare,
        route.NewShare,
        route.FailedShare,
        route.MismatchShare,
        route.NaiveMismatchShare,
        route.ComparedInWindow,
        route.Judge.Compared,
        route.Judge.RealMismatches,
        route.Judge.NaiveMismatches,
        [.. route.Judge.NoisyFields.Order(StringComparer.Ordinal)],
        route.ByLegacy,
        route.ByNew,
        route.Failed,
        route.Rollbacks,
        route.LastRollback);
}
