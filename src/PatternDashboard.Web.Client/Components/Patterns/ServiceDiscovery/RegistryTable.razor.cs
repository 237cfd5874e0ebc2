using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;

namespace PatternDashboard.Web.Components.Patterns.ServiceDiscovery;

/// <summary>The registry's table: one row per listed instance, its lease age against the lease, renewals and missed heartbeats, and what the instance really is.</summary>
public partial class RegistryTable
{
    /// <summary>The pattern's details; null before the first snapshot. Default: null.</summary>
    [Parameter] public ServiceDiscoveryDetails? Details { get; set; }

    private IReadOnlyList<RegistryRow> Rows => Details?.Table ?? [];

    private double LeasePercent(RegistryRow row) =>
        Details is { LeaseSeconds: > 0 } d ? Math.Min(100, 100 * row.LeaseAge / d.LeaseSeconds) : 0;
}
