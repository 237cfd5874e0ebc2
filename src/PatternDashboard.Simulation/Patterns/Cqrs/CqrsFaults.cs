using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Cqrs.CqrsPattern;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>How the cluster checks and applies its own faults of <see cref="CqrsPattern.Faults"/>; crash, restart and the network's are the kernel's.</summary>
public sealed partial class CqrsCluster
{
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id switch
    {
        Fault.StopProjector or Fault.SlowProjector or Fault.Rebuild => node is ReadReplicaNode,
        _ => true,
    };

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var replica = request.Target is { } id ? ReadSide.FirstOrDefault(r => r.Id == id) : null;
        string? refusal = definition.Id switch
        {
            Fault.StopProjector or Fault.SlowProjector or Fault.Rebuild when replica is null => $"{definition.Label} applies to a read model's node only.",
            Fault.StopProjector when replica!.IsStopped => $"{replica.Label} is already stopped.",
            Fault.SlowProjector when replica!.ApplyTime != replica.BaseApplyTime => $"{replica.Label} is already slowed; clear that first.",
            Fault.Rebuild when !replica!.IsUp => $"{replica.Label} is down; restart it first.",
            Fault.RebuildAll when !ReadSide.Any(r => r.IsUp) => "Every read model is down; restart one first.",
            Fault.SlowWriteStore when Store.ServiceTime > TimeSpan.Zero => "The write store is already slowed; clear that first.",
            Fault.ReadAfterWrite when ReadAfterWrite => "Customers already act on the first read.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        var replica = request.Target is { } id ? ReadSide.FirstOrDefault(r => r.Id == id) : null;
        switch (definition.Id)
        {
            case Fault.StopProjector:
                replica!.StopFollowing();
                return replica.ResumeFollowing;
            case Fault.SlowProjector:
                replica!.ApplyTime = replica.BaseApplyTime * (request.Value ?? definition.Parameter!.Default);
                return () => replica.ApplyTime = replica.BaseApplyTime;
            case Fault.RebuildAll:
                foreach (var model in ReadSide.Where(r => r.IsUp))
                {
                    model.Rebuild();
                }
                return null;
            case Fault.SlowWriteStore:
                Store.ServiceTime = TimeSpan.FromMilliseconds(request.Value ?? definition.Parameter!.Default);
                return () => Store.ServiceTime = TimeSpan.Zero;
            case Fault.Rebuild:
                replica!.Rebuild();
                return null;
            case Fault.ReadAfterWrite:
                ReadAfterWrite = true;
                return () => ReadAfterWrite = false;
            default:
                return base.ApplyFault(definition, request);
        }
    }
}
