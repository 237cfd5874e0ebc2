using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.EventSourcing;

namespace PatternDashboard.Web.Components.Patterns.EventSourcing;

/// <summary>The tellers' appends, conflicts and retries, and the latest conflicts newest first.</summary>
public partial class WriterTable
{
    /// <summary>The writers. Default: none.</summary>
    [Parameter] public IReadOnlyList<WriterView> Writers { get; set; } = [];

    /// <summary>Latest conflicts, oldest first. Default: none.</summary>
    [Parameter] public IReadOnlyList<ConflictView> Conflicts { get; set; } = [];
}
