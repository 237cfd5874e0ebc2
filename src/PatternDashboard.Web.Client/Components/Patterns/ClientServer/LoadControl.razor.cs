using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ClientServer;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Web.Components.Patterns.ClientServer;

/// <summary>The load slider: the clients' request rate, set live through the "set load" fault so that it is recorded and replayed.</summary>
public partial class LoadControl
{
    /// <summary>Shares of capacity a button sets the load to: the textbook points, and one past the knee.</summary>
    public static IReadOnlyList<double> Presets { get; } = [0.5, 0.8, 0.9, 0.95, 1.2];

    private double load;
    private double shownFor = double.NaN;
    private string? error;

    /// <summary>The run's details, for the load in force and the capacity. Default: none.</summary>
    [Parameter] public ClientServerDetails? Details { get; set; }

    /// <summary>Where the load goes. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>False for a viewer who may only watch: the load shows, the slider does not. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    /// <summary>Requests per second the servers in service finish at most.</summary>
    private double Capacity => Details is null ? 0 : Details.ServiceRatePerSecond * Details.Workers * (Details.SecondServer ? 2 : 1);

    private double SliderMax => Math.Max(1, Math.Round(1.5 * Capacity, 1));

    private double SliderStep => Math.Max(0.1, Math.Round(Capacity / 100, 1));

    protected override void OnParametersSet()
    {
        // Follow the run's load unless a person is moving the slider (a change comes back through the details).
        double now = Details?.ArrivalsPerSecond ?? 0;
        if (now != shownFor)
        {
            load = now;
            shownFor = now;
        }
    }

    private async Task SetLoadAsync(double value)
    {
        load = value;
        if (CanControl)
        {
            error = await SafeRun.TryAsync(() => Session.InjectFaultAsync(new FaultRequest(Fault.SetLoad, null, value)));
        }
    }
}
