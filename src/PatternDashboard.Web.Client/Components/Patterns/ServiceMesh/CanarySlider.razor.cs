using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ServiceMesh;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;

namespace PatternDashboard.Web.Components.Patterns.ServiceMesh;

/// <summary>
/// The canary's weight three ways, each a bar with its number: configured in the control plane, run by the orders
/// proxy, observed in the traffic; and a slider that publishes a new weight (the "shift canary" fault, replaced).
/// </summary>
public partial class CanarySlider
{
    private int weight = 50;
    private string? error;

    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public ServiceMeshDetails? Details { get; set; }

    /// <summary>Where the new weight goes. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>The faults in force: a shift already active is cleared before the next. Default: none.</summary>
    [Parameter] public IReadOnlyList<ActiveFault> ActiveFaults { get; set; } = [];

    /// <summary>False on a room's page for a viewer without the instructor key: no slider is rendered. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Width(double percent) => UiFormat.Svg(Math.Clamp(percent, 0, 100));

    private static string SplitText(ServiceMeshDetails d) =>
        $"pay-v2 weight: configured {d.CanaryConfigured} %, orders proxy runs {d.CanaryApplied} %, observed {Num(d.CanaryObserved)} %";

    private async Task PublishAsync() => error = await SafeRun.TryAsync(async () =>
    {
        if (ActiveFaults.FirstOrDefault(f => f.FaultId == Fault.ShiftCanary) is { } shifted)
        {
            await Session.ClearFaultAsync(shifted.Id);
        }
        await Session.InjectFaultAsync(new FaultRequest(Fault.ShiftCanary, null, weight));
    });
}
