using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Saga.SagaPattern;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>How the cluster checks and applies its own faults of <see cref="SagaPattern.Faults"/>; crash, restart and the network's are the kernel's.</summary>
public sealed partial class SagaCluster
{
    // Step faults aim at the services only.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) =>
        fault.Id is not (Fault.FailureRate or Fault.ErrorRate or Fault.TimeoutRate) || node is SagaServiceNode;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var service = request.Target is null ? null : Node(request.Target) as SagaServiceNode;
        string? refusal = definition.Id switch
        {
            Fault.FailureRate or Fault.ErrorRate or Fault.TimeoutRate when service is null =>
                $"{Node(request.Target!).Label} runs no step; aim it at a service.",
            Fault.FailureRate or Fault.ErrorRate or Fault.TimeoutRate when Faults.IsActive(definition.Id, service.Id) =>
                $"{service.Label} already has {definition.Label.ToLowerInvariant()}; clear that first.",
            Fault.PlaceOrder when !Shop.IsUp => "The shop is down; restart it first.",
            Fault.NoCompensations when NoCompensations => "Compensations are already off.",
            Fault.NonIdempotent when !StepsIdempotent => "Steps are already non-idempotent.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        var service = request.Target is null ? null : Node(request.Target) as SagaServiceNode;
        switch (definition.Id)
        {
            case Fault.PlaceOrder:
                Shop.PlaceNow();
                return null;
            case Fault.FailNext:
                Arm(failuresArmed, (int)value);
                Log.Append(null, "fault", $"The next order to reach step {(int)value} ({SagaPattern.Step((int)value).Action}) will be refused there");
                return null;
            case Fault.TimeoutNext:
                Arm(timeoutsArmed, (int)value);
                Log.Append(null, "fault", $"The next attempt of step {(int)value} ({SagaPattern.Step((int)value).Action}) will be answered too late");
                return null;
            case Fault.FailureRate:
                service!.FailureRate = value / 100;
                return () => service.FailureRate = 0;
            case Fault.ErrorRate:
                service!.ErrorRate = value / 100;
                return () => service.ErrorRate = 0;
            case Fault.TimeoutRate:
                service!.TimeoutRate = value / 100;
                return () => service.TimeoutRate = 0;
            case Fault.NoCompensations:
                NoCompensations = true;
                return () => NoCompensations = false;
            case Fault.NonIdempotent:
                SetIdempotent(false);
                return () => SetIdempotent(true);
            default:
                return base.ApplyFault(definition, request);
        }
    }

    private void Arm(Dictionary<SagaStyle, int[]> armed, int step)
    {
        foreach (var style in Styles)
        {
            armed[style][step - 1]++;
        }
    }

    private void SetIdempotent(bool idempotent)
    {
        StepsIdempotent = idempotent;
        foreach (var service in services)
        {
            service.Ledger.Idempotent = idempotent;
        }
    }
}
