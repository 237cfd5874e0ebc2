using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// The migration plan: one feature at a time moves legacy, shadow, canary, canary at 50 %, new, retired, each after
/// a stage's time (<see cref="StageTime"/>) and only while its numbers are good. A moved feature whose new
/// service fails too often goes back to the monolith by itself, and starts over.
/// </summary>
public sealed partial class StranglerFigCluster
{
    /// <summary>Calls a stage needs before its numbers count.</summary>
    public const int MinimumEvidence = 10;

    /// <summary>The feature the plan is moving now, or null once all are retired (or held).</summary>
    public string? Migrating => BigBang ? null : Routes.FirstOrDefault(r => r.Stage != RouteStage.Retired && !r.Held)?.Feature;

    private void Migrate()
    {
        if (BigBang)
        {
            return;
        }
        foreach (var route in routes.Values)
        {
            if (route.Stage is RouteStage.Canary or RouteStage.New && route.NewCallsInWindow >= 5 && route.NewFailureShare > ErrorLimit)
            {
                RollBack(route, $"new {route.Feature} failed {route.NewFailureShare:P0} of its requests");
            }
        }
        if (Migrating is not { } feature)
        {
            return;
        }
        var moving = routes[feature];
        if (Clock.Now - moving.StageSince < StageTime || moving.Stage == RouteStage.Shadow && ShadowWrites && Feature.IsWrite(feature))
        {
            return;
        }
        var (stage, percent, blocker) = Next(moving);
        if (blocker is not null)
        {
            return;
        }
        moving.MoveTo(stage, percent, Clock.Now);
        Log.Append(FacadeId, "route", $"{feature}: {StageWord(moving)}");
    }

    private (RouteStage Stage, int Percent, string? Blocker) Next(FeatureRoute route) => route.Stage switch
    {
        // A write is never shadowed: its copy would act as well as be compared.
        RouteStage.Legacy => Feature.IsWrite(route.Feature) ? (RouteStage.Canary, CanaryPercent, null) : (RouteStage.Shadow, 0, null),
        RouteStage.Shadow => route.ComparedInWindow < MinimumEvidence ? (route.Stage, 0, "too few comparisons")
            : route.MismatchShare > MismatchLimit ? (route.Stage, 0, "mismatches")
            : route.ShadowErrorShare > ErrorLimit ? (route.Stage, 0, "shadow errors")
            : (RouteStage.Canary, CanaryPercent, null),
        RouteStage.Canary when route.NewFailureShare > ErrorLimit => (route.Stage, 0, "errors"),
        RouteStage.Canary => route.CanaryPercent < 50 ? (RouteStage.Canary, 50, null) : (RouteStage.New, 100, null),
        RouteStage.New when route.NewFailureShare > ErrorLimit => (route.Stage, 0, "errors"),
        _ => (RouteStage.Retired, 100, null),
    };

    private void RollBack(FeatureRoute route, string reason)
    {
        route.RollBack(Clock.Now, reason);
        Log.Append(FacadeId, "rollback", $"{route.Feature} rolled back to the monolith: {reason}");
    }
}
