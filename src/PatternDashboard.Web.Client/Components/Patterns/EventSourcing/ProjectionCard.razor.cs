using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.EventSourcing;

namespace PatternDashboard.Web.Components.Patterns.EventSourcing;

/// <summary>The projector's place and progress, and each open account's state beside what the read model shows of it.</summary>
public partial class ProjectionCard
{
    /// <summary>The pattern's details; null before the first snapshot. Default: null.</summary>
    [Parameter] public EventSourcingDetails? Details { get; set; }
}
