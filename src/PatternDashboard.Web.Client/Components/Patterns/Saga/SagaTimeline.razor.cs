using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Saga;

namespace PatternDashboard.Web.Components.Patterns.Saga;

/// <summary>
/// Each saga as its sequence: the four steps, then the compensations in the order they would run (C3, C2, C1), each
/// with its state in words and a glyph, steps still to come included. A failure at step k shows C(k-1)..C1 lighting in turn.
/// </summary>
public partial class SagaTimeline
{
    /// <summary>For the table's accessible name: "Orchestration". Required.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>The newest sagas first. Default: none.</summary>
    [Parameter] public IReadOnlyList<SagaView> Sagas { get; set; } = [];

    /// <summary>The saga's steps, T1..Tn. Default: the pattern's.</summary>
    [Parameter] public IReadOnlyList<SagaStep> Definition { get; set; } = SagaPattern.Steps;

    private IEnumerable<SagaStep> Compensable => Definition.Where(s => s.Compensation is not null);

    private static string Glyph(string state) => state switch
    {
        "done" => "✓",
        "failed" => "✗",
        "running" => "▶",
        "skipped" => "–",
        _ => "·",
    };

    private static string StatusGlyph(string status) => status switch
    {
        "completed" => "✓",
        "compensated" => "↺",
        "compensating" => "↺…",
        "stuck" => "⚠",
        "abandoned" => "✗",
        _ => "▶",
    };

    /// <summary>", 1st" when this compensation took effect first: the reverse order made visible.</summary>
    private static string OrderText(SagaView saga, int step)
    {
        int index = saga.CompensationOrder.ToList().IndexOf(step);
        return index < 0 ? "" : $", {index + 1}{(index == 0 ? "st" : index == 1 ? "nd" : "rd")}";
    }
}
