using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Ambassador;

namespace PatternDashboard.Web.Components.Patterns.Ambassador;

/// <summary>The ambassador's log of attempts: one row per attempt, with the backoff it chose before the next one.</summary>
public partial class AmbassadorLogTable
{
    /// <summary>The entries, newest first. Default: none.</summary>
    [Parameter] public IReadOnlyList<AttemptRecord> Entries { get; set; } = [];

    /// <summary>The configured maximum of attempts per request. Default: 4.</summary>
    [Parameter] public int MaxAttempts { get; set; } = 4;

    private static string RowClass(AttemptRecord entry) => entry.Outcome == AmbassadorPattern.OkOutcome ? "ok" : "bad";
}
