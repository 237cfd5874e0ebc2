using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Microservices;

namespace PatternDashboard.Web.Components.Patterns.Microservices;

/// <summary>
/// Every service's deployment, one box per instance slot with its phase and version, and the rollout's bounds beside
/// what stands now: a rolling deployment is seen moving one instance at a time while the other services keep serving.
/// </summary>
public partial class DeploymentView
{
    /// <summary>The services with their instances; nothing is drawn without them. Default: null.</summary>
    [Parameter] public IReadOnlyList<ServiceView>? Services { get; set; }

    /// <summary>Max surge as a share of the replicas, in percent. Default: 25.</summary>
    [Parameter] public double SurgePercent { get; set; } = 25;

    /// <summary>Max unavailable as a share of the replicas, in percent. Default: 25.</summary>
    [Parameter] public double UnavailablePercent { get; set; } = 25;

    private static string RolloutText(ServiceView service) =>
        service.Stalled ? "rollout stalled: new instances never get ready"
        : service.RollingOut ? $"rolling out {service.Version}: {service.Updated} of {service.Replicas} instances started on it"
        : $"{service.Replicas} replicas, steady";

    private static string Summary(ServiceView service) =>
        $"{service.Name}: {service.Health}, {service.Version}, {service.Ready} of {service.Replicas} ready, {RolloutText(service)}";

    private static string Css(string phase) => phase.Replace(' ', '-');
}
