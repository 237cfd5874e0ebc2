using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>How the cluster checks and applies its own faults of <see cref="ServiceMeshPattern.Faults"/>; the kernel does crash and restart, the network its own.</summary>
public sealed partial class ServiceMeshCluster
{
    // Apps fail and slow down; only the control plane crashes (proxies that lost their policy would be another lesson);
    // only a proxy that calls out can send plaintext.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id switch
    {
        Fault.FailService or Fault.SlowService => node is MeshApp,
        LifecycleFaults.Crash or LifecycleFaults.Restart => node == ControlPlane,
        Fault.MtlsOff => node is SidecarProxy { Hop: > 0 },
        _ => true,
    };

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Node(request.Target);
        var app = node as MeshApp;
        var proxy = node as SidecarProxy;
        string? refusal = definition.Id switch
        {
            Fault.FailService when app is { ErrorRate: > 0 } => $"{app.Label} already fails requests; undo that first.",
            Fault.SlowService when app is not null && app.AddedLatency > TimeSpan.Zero => $"{app.Label} is already slowed; undo that first.",
            Fault.MtlsOff when proxy is { MtlsOff: true } => $"{proxy.Label} already sends plaintext; undo that first.",
            Fault.ShiftCanary when Faults.IsActive(Fault.ShiftCanary) => "The canary weight is already shifted; undo that first.",
            Fault.PermissiveMtls when !ControlPlane.Desired.MtlsStrict => "Permissive mTLS is already published.",
            Fault.OutsideClient when OutsideClientOn => "The client outside the mesh is already sending.",
            Fault.RetriesEveryHop when RetriesEveryHop => "Every hop already retries.",
            Fault.PolicyInCode when PolicyInCode => "The services' code already sets their retries and timeouts.",
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
        var node = request.Target is null ? null : Node(request.Target);
        switch (definition.Id)
        {
            case Fault.FailService:
                var failing = (MeshApp)node!;
                failing.ErrorRate = value / 100;
                return () => failing.ErrorRate = 0;
            case Fault.SlowService:
                var slow = (MeshApp)node!;
                slow.AddedLatency = TimeSpan.FromMilliseconds(value);
                return () => slow.AddedLatency = TimeSpan.Zero;
            case Fault.MtlsOff:
                var proxy = (SidecarProxy)node!;
                proxy.MtlsOff = true;
                return () => proxy.MtlsOff = false;
            case Fault.ShiftCanary:
                int before = ControlPlane.Desired.CanaryPercent;
                Publish(p => p with { CanaryPercent = (int)value }, $"pay-v2 weight {value:0} %");
                return () => Publish(p => p with { CanaryPercent = before }, $"pay-v2 weight back to {before} %");
            case Fault.PermissiveMtls:
                Publish(p => p with { MtlsStrict = false }, "mTLS permissive");
                return () => Publish(p => p with { MtlsStrict = true }, "mTLS strict");
            case Fault.OutsideClient:
                SetOutside(true);
                return () => SetOutside(false);
            case Fault.RetriesEveryHop:
                RetriesEveryHop = true;
                Publish(p => p with { RetriesAtEveryHop = true }, "retries at every hop");
                return () =>
                {
                    RetriesEveryHop = false;
                    Publish(p => p with { RetriesAtEveryHop = false }, "retries at the edge only");
                };
            case Fault.PolicyInCode:
                SetPolicyInCode(true);
                return () => SetPolicyInCode(false);
            default:
                return base.ApplyFault(definition, request);
        }
    }

    // The code's settings are not the control plane's: no policy is pushed, every proxy reads its app's at the next call.
    private void SetPolicyInCode(bool on)
    {
        PolicyInCode = on;
        Log.Append(null, "policy", on
            ? "Each service's code now sets its own retries and timeouts; the mesh's are ignored"
            : "The mesh's policy sets every hop's retries and timeouts again");
    }

    private void SetOutside(bool on)
    {
        OutsideClientOn = on;
        Outside.SetRate(WebProxyId, on ? OutsideRate : 0);
    }
}
