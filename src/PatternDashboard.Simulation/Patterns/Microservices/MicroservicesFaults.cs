using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Deployment;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>How the cluster checks and applies the faults of <see cref="MicroservicesPattern.Faults"/>; every node fault aims at a service instance.</summary>
public sealed partial class MicroservicesCluster
{
    private bool monolithBug;

    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => node is MicroserviceInstance;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var instance = request.Target is null ? null : Node(request.Target) as MicroserviceInstance;
        var deployment = instance is null ? null : deployments[instance.Service];
        string? refusal = (definition.Id, instance) switch
        {
            (Fault.CrashInstance, { Phase: InstancePhase.Vacant } i) => $"{i.Label} runs nothing; aim at an instance that runs.",
            (Fault.CrashInstance, { IsUp: false } i) => $"{i.Label} is already down.",
            (Fault.RestartInstance, { Phase: InstancePhase.Vacant } i) => $"{i.Label} runs nothing, so there is nothing to restart.",
            (Fault.RestartInstance, { IsUp: true } i) => $"{i.Label} is running; only a killed instance restarts.",
            (Fault.CrashService, { } i) when Faults.IsActive(Fault.CrashService) && ActiveOn(Fault.CrashService, i.Service) => $"{i.Service} is already crashed.",
            (Fault.SlowService, { } i) when slowBy.ContainsKey(i.Service) => $"{i.Service} is already slow; undo that first.",
            (Fault.Deploy or Fault.DeployBug or Fault.DeployBugNoProbe, { } i) when deployment!.Target != ServiceVersion.First => $"{i.Service} already runs {deployment.Target.Name}; roll it back first.",
            (Fault.Rollback, { } i) when deployment!.Target == ServiceVersion.First => $"{i.Service} runs its first version; there is nothing to roll back to.",
            (Fault.Scale, { } i) when (int)Math.Round(request.Value ?? definition.Parameter!.Default) == deployment!.Replicas => $"{i.Service} already runs {deployment.Replicas} replicas.",
            (Fault.NoTimeouts, _) when NoTimeouts => "The gateway already calls without timeouts.",
            (Fault.Monolith, _) when IsMonolith => "The monolith already serves every feature.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        var instance = request.Target is null ? null : (MicroserviceInstance)Node(request.Target);
        switch (definition.Id)
        {
            case Fault.CrashInstance:
                return Kill(instance!);
            case Fault.RestartInstance:
                instance!.Restart();
                foreach (var ended in Faults.Active.Where(f => f.FaultId == Fault.CrashInstance && f.Target == instance.Id).ToList())
                {
                    ClearQuietly(ended);
                }
                return null;
            case Fault.CrashService:
                return CrashService(instance!.Service);
            case Fault.SlowService:
                return SlowService(instance!.Service, TimeSpan.FromMilliseconds(request.Value ?? definition.Parameter!.Default));
            case Fault.Deploy or Fault.DeployBug or Fault.DeployBugNoProbe:
                Deploy(instance!.Service, definition.Id);
                return null;
            case Fault.Rollback:
                Rollback(instance!.Service);
                return null;
            case Fault.Scale:
                deployments[instance!.Service].Scale((int)Math.Round(request.Value ?? definition.Parameter!.Default));
                return null;
            case Fault.NoTimeouts:
                NoTimeouts = true;
                Log.Append(GatewayId, "gateway", "The gateway calls without timeouts: a call waits as long as the service takes, or forever");
                return () =>
                {
                    NoTimeouts = false;
                    // Configuration is read at start: the gateway restarts, and the calls that waited forever end with it.
                    Gateway.DropWaitingCalls();
                    Log.Append(GatewayId, "gateway", "The gateway restarts with its timeouts: the calls that were waiting end, its workers are free");
                };
            case Fault.Monolith:
                SetMonolith(true);
                return () => SetMonolith(false);
            default:
                return base.ApplyFault(definition, request);
        }
    }

    private bool ActiveOn(string faultId, string service)
    {
        foreach (var fault in Faults.Active)
        {
            if (fault.FaultId == faultId && fault.Target is { } target && IsInstanceOf(target, service))
            {
                return true;
            }
        }
        return false;
    }

    private Action Kill(MicroserviceInstance instance)
    {
        int generation = instance.Generation;
        instance.Crash();
        return () =>
        {
            if (instance.Generation == generation && instance.Phase != InstancePhase.Vacant)
            {
                instance.Restart();
            }
        };
    }

    private Action CrashService(string service)
    {
        if (IsMonolith)
        {
            // In one process the payments code is the process: its crash is everyone's.
            Monolith.Crash();
            return Monolith.Restart;
        }
        var undo = deployments[service].Slots.Where(s => s.IsUp && s.Phase != InstancePhase.Vacant).Select(s => Kill((MicroserviceInstance)s)).ToList();
        return () => undo.ForEach(u => u());
    }

    private Action SlowService(string service, TimeSpan added)
    {
        slowBy[service] = added;
        if (IsMonolith)
        {
            Monolith.AddedLatency = added;
        }
        return () =>
        {
            slowBy.Remove(service);
            Monolith.AddedLatency = slowBy.Count == 0 ? TimeSpan.Zero : slowBy.Values.Max();
        };
    }

    // One deployment at a time per service, each from the first version: v2 is either good or has the bug, and a
    // rollback brings v1 back.
    private void Deploy(string service, string faultId)
    {
        var deployment = deployments[service];
        deployment.RollOut(deployment.Target.Next(faultId != Fault.Deploy), probe: faultId != Fault.DeployBugNoProbe);
        if (faultId == Fault.DeployBugNoProbe)
        {
            // In a monolith the whole application is redeployed with the bug in it.
            monolithBug = true;
            Monolith.ErrorRate = IsMonolith ? 1 : 0;
        }
    }

    private void Rollback(string service)
    {
        deployments[service].RollOut(ServiceVersion.First, probe: true);
        monolithBug = Service.All.Any(s => deployments[s].Target.IsBroken);
        Monolith.ErrorRate = IsMonolith && monolithBug ? 1 : 0;
    }

    private void SetMonolith(bool on)
    {
        IsMonolith = on;
        Monolith.ErrorRate = on && monolithBug ? 1 : 0;
        if (on)
        {
            Monolith.AddedLatency = slowBy.Count == 0 ? TimeSpan.Zero : slowBy.Values.Max();
            if (Service.All.Any(s => ActiveOn(Fault.CrashService, s)))
            {
                Monolith.Crash();
            }
            else
            {
                Monolith.Restart();
            }
        }
        Log.Append(MonolithId, "monolith", on
            ? "One monolith serves every feature: one process, one deployment, one fate"
            : "The services serve their features again, each on its own");
    }
}
