using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>How the cluster checks and applies its own faults of <see cref="StranglerFigPattern.Faults"/>; the kernel does kill and restart, the network its own.</summary>
public sealed partial class StranglerFigCluster
{
    // Bugs and rollbacks are about one feature, named by its new service.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id switch
    {
        Fault.BugErrors or Fault.BugWrongAnswers or Fault.BugCrash or Fault.Rollback => FeatureOf(node.Id) is not null,
        _ => true,
    };

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        string? feature = request.Target is null ? null : FeatureOf(request.Target);
        var bug = feature is null ? null : bugs[feature];
        var route = feature is null ? null : routes[feature];
        if (definition.Target == FaultTarget.Node && feature is null)
        {
            return; // aimed at a node that is no new service: the kernel's target check refuses it next
        }
        string? refusal = definition.Id switch
        {
            Fault.BugErrors when bug!.ErrorShare > 0 => $"The new {feature} code already fails requests; undo that first.",
            Fault.BugWrongAnswers when bug!.WrongShare > 0 => $"The new {feature} code already gives wrong answers; undo that first.",
            Fault.BugCrash when bug!.Crashes => $"The new {feature} code already crashes; undo that first.",
            Fault.Rollback when BigBang => "A big bang has no way back for one feature: every feature moved together.",
            Fault.Rollback when route!.Held => $"{feature} is already held on the monolith.",
            Fault.Rollback when route!.Stage == RouteStage.Retired => $"{feature} is retired: the monolith no longer has its code, so there is nothing to roll back to.",
            Fault.ShadowWrites when ShadowWrites => "Checkout is already shadowed.",
            Fault.ShadowWrites when routes[Feature.Checkout].Stage == RouteStage.Retired => "Checkout is retired: the monolith no longer charges anyone.",
            Fault.BigBang when BigBang => "Every feature is already on the rewrite.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        string? feature = request.Target is null ? null : FeatureOf(request.Target);
        double value = (request.Value ?? definition.Parameter?.Default ?? 0) / 100;
        switch (definition.Id)
        {
            case Fault.BugErrors:
                bugs[feature!].ErrorShare = value;
                return () => bugs[feature!].ErrorShare = 0;
            case Fault.BugWrongAnswers:
                bugs[feature!].WrongShare = value;
                return () => bugs[feature!].WrongShare = 0;
            case Fault.BugCrash:
                bugs[feature!].Crashes = true;
                return () => FixCrash(bugs[feature!]);
            case Fault.Rollback:
                return HoldOnLegacy(routes[feature!], "rolled back by hand");
            case Fault.ShadowWrites:
                return ShadowCheckout();
            case Fault.BigBang:
                SetBigBang(true);
                return () => SetBigBang(false);
            default:
                return base.ApplyFault(definition, request);
        }
    }

    // The fix is deployed: whatever the bug crashed starts again.
    private static void FixCrash(FeatureBug bug)
    {
        bug.Crashes = false;
        foreach (var node in bug.Crashed)
        {
            node.Restart();
        }
        bug.Crashed.Clear();
    }

    private Action HoldOnLegacy(FeatureRoute route, string reason)
    {
        route.Held = true;
        RollBack(route, reason);
        return () =>
        {
            route.Held = false;
            Log.Append(FacadeId, "route", $"{route.Feature} is free to migrate again");
        };
    }

    private Action ShadowCheckout()
    {
        var checkout = routes[Feature.Checkout];
        var (stage, percent) = (checkout.Stage, checkout.CanaryPercent);
        ShadowWrites = true;
        checkout.MoveTo(RouteStage.Shadow, 0, Clock.Now);
        Log.Append(FacadeId, "route", "checkout: shadow (a write: both backends charge)");
        return () =>
        {
            ShadowWrites = false;
            checkout.MoveTo(stage, percent, Clock.Now);
            Log.Append(FacadeId, "route", $"checkout: {StageWord(checkout)} again, no longer shadowed");
        };
    }

    private void SetBigBang(bool on)
    {
        BigBang = on;
        Log.Append(FacadeId, "route", on
            ? "Big bang: every feature goes to the rewrite at once"
            : "The big bang is undone: the routing table's rows are in force again");
    }
}
