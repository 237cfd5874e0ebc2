using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The clock as one compact toolbar: play or pause, step one event, speed, and the simulated time with the run's
/// status. It sends commands through <see cref="OnCommand"/> and knows nothing of where they go.
/// </summary>
public partial class PlaybackToolbar
{
    /// <summary>The speeds offered, slow motion to fast.</summary>
    public static IReadOnlyList<double> Speeds { get; } = [0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100];

    /// <summary>The run's latest state. Required.</summary>
    [Parameter, EditorRequired] public SessionState State { get; set; } = default!;

    /// <summary>False for a viewer who only watches: only the clock and status are rendered. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    /// <summary>Where play, pause, step and speed go.</summary>
    [Parameter] public EventCallback<PlaybackCommand> OnCommand { get; set; }

    private bool IsRunning => State.Status == SessionStatus.Running;

    private bool IsFastForwarding => State.Status == SessionStatus.FastForwarding;

    private Task ToggleAsync() => OnCommand.InvokeAsync(new(IsRunning ? ControlAction.Pause : ControlAction.Play));

    private Task StepAsync() => OnCommand.InvokeAsync(new(ControlAction.Step));

    private Task SetSpeedAsync(ChangeEventArgs e) =>
        double.TryParse(e.Value as string, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) && Speeds.Contains(speed)
            ? OnCommand.InvokeAsync(new(ControlAction.Speed, speed))
            : Task.CompletedTask;

    private static string SpeedValue(double speed) => speed.ToString(CultureInfo.InvariantCulture);
}
