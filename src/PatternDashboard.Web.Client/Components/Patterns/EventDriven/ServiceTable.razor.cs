using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.EventDriven;

namespace PatternDashboard.Web.Components.Patterns.EventDriven;

/// <summary>One row per service: whether it runs, what its own state holds, its backlog and pace, and whether the producer knows it.</summary>
public partial class ServiceTable
{
    /// <summary>The services as the snapshot shows them. Default: none.</summary>
    [Parameter] public IReadOnlyList<ServiceDetails> Services { get; set; } = [];

    /// <summary>"(of 120 owed)" while the service is behind or ahead of the events it must process, else nothing.</summary>
    private static string Owed(ServiceDetails service) => service.Records == service.Expected ? "" : $"(of {service.Expected} owed)";
}
