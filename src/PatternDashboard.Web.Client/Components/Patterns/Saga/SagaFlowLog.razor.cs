using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Saga;

namespace PatternDashboard.Web.Components.Patterns.Saga;

/// <summary>Where a style keeps its saga state: the coordinator's durable log (orchestration), or only the events in flight (choreography).</summary>
public partial class SagaFlowLog
{
    /// <summary>The style's details. Required.</summary>
    [Parameter, EditorRequired] public StyleDetails Style { get; set; } = default!;

    /// <summary>Log lines shown. Default: 10.</summary>
    [Parameter] public int Rows { get; set; } = 10;

    private static string StepName(LogLine line) =>
        line.Kind == "compensated" ? SagaPattern.Step(line.Step).Compensation ?? "" : SagaPattern.Step(line.Step).Action;
}
