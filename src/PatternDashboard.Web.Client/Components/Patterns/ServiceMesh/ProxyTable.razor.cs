using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ServiceMesh;

namespace PatternDashboard.Web.Components.Patterns.ServiceMesh;

/// <summary>One row per sidecar: the policy version it runs against the desired one, its mTLS in words, its hop's retries and timeout, and its upstreams' breakers.</summary>
public partial class ProxyTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public ServiceMeshDetails? Details { get; set; }

    private static string ControlPlaneText(ServiceMeshDetails details) => details switch
    {
        { ControlPlaneUp: false, Lagging: > 0 } => $"The control plane is down: policy v{details.DesiredVersion} waits; {details.Lagging} proxies run their last policy.",
        { ControlPlaneUp: false } => "The control plane is down: every proxy keeps running the last policy it got.",
        { Lagging: > 0 } => $"Pushing policy v{details.DesiredVersion}: {details.Lagging} proxies have not acknowledged it yet.",
        _ => $"Every proxy runs policy v{details.DesiredVersion}.",
    };
}
