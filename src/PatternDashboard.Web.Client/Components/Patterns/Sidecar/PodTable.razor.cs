using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Sidecar;

namespace PatternDashboard.Web.Components.Patterns.Sidecar;

/// <summary>The pod at a glance: the app and each sidecar, what it is doing in words, and the CPU it spends.</summary>
public partial class PodTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public SidecarDetails? Details { get; set; }
}
