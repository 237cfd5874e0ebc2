using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>The run's seed and reset, and fast-forward; play, pause, step and speed are the <see cref="PlaybackToolbar"/>.</summary>
public partial class TimeControls : IDisposable
{
    // Seeds travel as a double through ControlAsync, so they must stay within its exact integer range.
    private const double MaxSeed = 9_007_199_254_740_991;

    private CancellationTokenSource? fastForward;
    private string? seedText;
    private long shownSeed;
    private string? seedError;
    private double fastForwardSeconds = 10;
    private string? error;

    /// <summary>The session to control. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>The latest state to show; falls back to <see cref="ISimulationSession.Current"/>. Default: none.</summary>
    [Parameter] public SessionState? State { get; set; }

    /// <summary>False on a room's page for a viewer without the instructor key: no control is rendered. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private SessionState Current => State ?? Session.Current;

    private bool IsFastForwarding => fastForward is not null || Current.Status == SessionStatus.FastForwarding;

    private double FastForwardPercent => (Current.FastForward?.Fraction ?? 0) * 100;

    protected override void OnParametersSet()
    {
        // A reset from elsewhere (a lesson, another controller of a room, a hub call) changes the run's seed; show it.
        long seed = Current.Snapshot.Seed;
        if (seedText is null || seed != shownSeed)
        {
            seedText = seed.ToString(CultureInfo.InvariantCulture);
            shownSeed = seed;
        }
    }

    private async Task ResetAsync()
    {
        seedError = ValidateSeed(seedText, out double? seed);
        if (seedError is null)
        {
            await RunAsync(() => Session.ControlAsync(ControlAction.Reset, seed));
        }
    }

    /// <summary>Null when the text is a usable seed (empty keeps the current one), otherwise what is wrong.</summary>
    public static string? ValidateSeed(string? text, out double? seed)
    {
        seed = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return "The seed must be a whole number, such as 42.";
        }
        if (Math.Abs((double)value) > MaxSeed)
        {
            return $"The seed must be between -{MaxSeed:0} and {MaxSeed:0}.";
        }
        seed = value;
        return null;
    }

    private async Task FastForwardAsync()
    {
        if (fastForwardSeconds is <= 0 or > 3600 || double.IsNaN(fastForwardSeconds))
        {
            error = "Fast-forward by 0.1 to 3600 simulated seconds.";
            return;
        }
        using var cancellation = new CancellationTokenSource();
        fastForward = cancellation;
        try
        {
            await RunAsync(() => Session.RunForAsync(TimeSpan.FromSeconds(fastForwardSeconds), cancellation.Token));
        }
        finally
        {
            fastForward = null;
        }
    }

    private void StopFastForward() => fastForward?.Cancel();

    private async Task RunAsync(Func<Task> action) => error = await SafeRun.TryAsync(action);

    public void Dispose() => fastForward?.Cancel();
}
