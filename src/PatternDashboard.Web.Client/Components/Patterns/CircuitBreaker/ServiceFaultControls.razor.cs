using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Web.Components.Patterns.CircuitBreaker;

/// <summary>The faults of one downstream service (error rate, added latency, hard down, recover) and its load.</summary>
public partial class ServiceFaultControls
{
    private double errorPercent = 100;
    private double latencyMs = 3000;
    private double load = 20;
    private bool loadShown;
    private string? error;

    /// <summary>The breaker card's data, which carries its service's state. Required.</summary>
    [Parameter, EditorRequired] public BreakerView Breaker { get; set; } = default!;

    /// <summary>The faults in force, to tell which are already on. Default: none.</summary>
    [Parameter] public IReadOnlyList<ActiveFault> ActiveFaults { get; set; } = [];

    /// <summary>Where faults go. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>False for a viewer who may only watch: the service's state shows, its fault and load controls do not. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    protected override void OnParametersSet()
    {
        if (!loadShown)
        {
            load = Breaker.Service.LoadPerSecond;
            loadShown = true;
        }
    }

    private string ServiceState
    {
        get
        {
            var s = Breaker.Service;
            var parts = new List<string>();
            if (s.Down)
            {
                parts.Add("down: requests time out");
            }
            if (s.ErrorPercent > 0)
            {
                parts.Add($"{UiFormat.Number(s.ErrorPercent)} % errors");
            }
            if (s.AddedLatencyMs > 0)
            {
                parts.Add($"{UiFormat.Number(s.AddedLatencyMs)} ms added latency");
            }
            string health = parts.Count == 0 ? "healthy" : string.Join(", ", parts);
            return $"Now: {health}; load {UiFormat.Number(s.LoadPerSecond)} requests/s; {s.Busy} in progress, {s.Queued} queued.";
        }
    }

    private bool IsActive(string faultId) => ActiveFaults.Any(f => f.FaultId == faultId && f.Target == Breaker.ServiceId);

    private async Task InjectAsync(string faultId, double? value)
    {
        if (CanControl)
        {
            error = await SafeRun.TryAsync(() => Session.InjectFaultAsync(new FaultRequest(faultId, Breaker.ServiceId, value)));
        }
    }
}
