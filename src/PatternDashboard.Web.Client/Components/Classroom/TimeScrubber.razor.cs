using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Classroom;

/// <summary>
/// The timeline: pick an earlier simulated time (slider or exact seconds), jump there to see the state then, and
/// continue from there as a branch. The session does the work (<see cref="ISimulationSession.TravelToAsync"/>).
/// </summary>
public partial class TimeScrubber
{
    private static int nextId;
    private readonly string sliderId = $"scrubber-{Interlocked.Increment(ref nextId)}";
    private double target;
    private bool chosen;
    private bool jumping;
    private string? error;

    /// <summary>The session to travel in.</summary>
    [Parameter, EditorRequired] public required ISimulationSession Session { get; set; }

    /// <summary>The latest state; a new one re-renders the timeline.</summary>
    [Parameter] public SessionState? State { get; set; }

    /// <summary>False for a viewer who may only watch: the timeline shows, its controls do not work. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private TimelineInfo Timeline => Session.Timeline;

    private bool Disabled => !CanControl || jumping || Timeline.Replaying is not null;

    protected override void OnParametersSet()
    {
        // Until the person picks a time, the handle follows the run.
        if (!chosen)
        {
            target = Math.Round(Now, 3);
        }
        target = Math.Clamp(target, 0, Timeline.Reach);
    }

    private double Now => (State ?? Session.Current).Snapshot.SimulatedTime;

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private void OnSliderChanged(ChangeEventArgs e)
    {
        if (double.TryParse(e.Value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            SetTarget(value);
        }
    }

    private void SetTarget(double value)
    {
        target = Math.Clamp(Math.Round(value, 3), 0, Timeline.Reach);
        chosen = true;
    }

    private Task JumpAsync() => TravelAsync(target);

    private Task BackToEndAsync() => TravelAsync(Timeline.JumpedFrom ?? Now);

    private async Task TravelAsync(double seconds)
    {
        if (!CanControl)
        {
            return;
        }
        jumping = true;
        error = await SafeRun.TryAsync(() => Session.TravelToAsync(TimeSpan.FromSeconds(seconds)));
        jumping = false;
        chosen = false;
    }

    private async Task ContinueAsync()
    {
        if (CanControl)
        {
            error = await SafeRun.TryAsync(() => Session.ControlAsync(ControlAction.Play));
        }
    }

    // Pausing ends a jump in progress; the session stays on the run it had.
    private async Task StopAsync() => error = await SafeRun.TryAsync(() => Session.ControlAsync(ControlAction.Pause));
}
