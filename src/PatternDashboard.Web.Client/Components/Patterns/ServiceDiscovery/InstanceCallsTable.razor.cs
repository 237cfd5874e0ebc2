using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;

namespace PatternDashboard.Web.Components.Patterns.ServiceDiscovery;

/// <summary>Calls routed to each instance since the start, how they ended, and which caches list it now.</summary>
public partial class InstanceCallsTable
{
    /// <summary>The instances as the details show them. Default: none.</summary>
    [Parameter] public IReadOnlyList<InstanceView> Instances { get; set; } = [];
}
