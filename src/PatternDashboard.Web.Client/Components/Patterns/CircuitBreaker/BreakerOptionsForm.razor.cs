using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Web.Components.Patterns.CircuitBreaker;

/// <summary>
/// The options of one breaker, editable. Values are checked against Polly's ranges before anything is sent; a bad one
/// shows why and changes nothing. Changed values go to the session as recorded inputs, so a replay applies them too.
/// </summary>
public partial class BreakerOptionsForm
{
    private double failureRatio, minimumThroughput, samplingDurationMs, breakDurationMs;
    private bool edited;
    private string? error;

    /// <summary>The breaker whose options are shown. Required.</summary>
    [Parameter, EditorRequired] public BreakerView Breaker { get; set; } = default!;

    /// <summary>Where changes go. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>False for a viewer who may only watch: the options in force show in disabled fields, with no apply button. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    protected override void OnParametersSet()
    {
        // While the person edits, new snapshots must not overwrite what they typed.
        if (!edited)
        {
            Revert();
        }
    }

    private void MarkEdited() => edited = true;

    private void Revert()
    {
        failureRatio = Breaker.FailureRatio;
        minimumThroughput = Breaker.MinimumThroughput;
        samplingDurationMs = Breaker.SamplingDurationMs;
        breakDurationMs = Breaker.BreakDurationMs;
        edited = false;
        error = null;
    }

    private async Task ApplyAsync()
    {
        if (!CanControl)
        {
            return;
        }
        try
        {
            CircuitBreakerSettings.Checked(failureRatio, minimumThroughput, samplingDurationMs, breakDurationMs);
        }
        catch (SimulationInputException e)
        {
            error = e.Message;
            return;
        }
        var changes = new List<FaultRequest>();
        AddIfChanged(changes, Fault.SetFailureRatio, failureRatio, Breaker.FailureRatio);
        AddIfChanged(changes, Fault.SetMinimumThroughput, minimumThroughput, Breaker.MinimumThroughput);
        AddIfChanged(changes, Fault.SetSamplingDuration, samplingDurationMs, Breaker.SamplingDurationMs);
        AddIfChanged(changes, Fault.SetBreakDuration, breakDurationMs, Breaker.BreakDurationMs);
        error = await SafeRun.TryAsync(async () =>
        {
            foreach (var change in changes)
            {
                await Session.InjectFaultAsync(change);
            }
        });
        edited = error is not null;
    }

    private void AddIfChanged(List<FaultRequest> changes, string faultId, double value, double current)
    {
        if (value != current)
        {
            changes.Add(new FaultRequest(faultId, Breaker.ServiceId, value));
        }
    }
}
