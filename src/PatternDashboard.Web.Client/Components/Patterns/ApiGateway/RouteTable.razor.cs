using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ApiGateway;

namespace PatternDashboard.Web.Components.Patterns.ApiGateway;

/// <summary>Traffic per route and how it ended, and the load on every service instance behind it.</summary>
public partial class RouteTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public ApiGatewayDetails? Details { get; set; }
}
