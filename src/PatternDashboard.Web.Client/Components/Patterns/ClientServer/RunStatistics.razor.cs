using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ClientServer;

namespace PatternDashboard.Web.Components.Patterns.ClientServer;

/// <summary>The figures since the statistics started: latency beside theory, Little's law, request counts, and each server.</summary>
public partial class RunStatistics
{
    /// <summary>The run's details. Default: none (nothing shown).</summary>
    [Parameter] public ClientServerDetails? Details { get; set; }
}
