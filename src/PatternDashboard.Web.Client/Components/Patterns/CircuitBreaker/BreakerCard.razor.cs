using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.CircuitBreaker;

/// <summary>
/// One breaker as the Hystrix dashboard showed it, with Half-Open made visible: the state as a large label (and a
/// letter, never colour alone), time in state, countdown to Half-Open, the last probe, the rolling error rate and
/// volume, outcomes per second, latency percentiles and a band of states over time.
/// </summary>
public partial class BreakerCard
{
    /// <summary>The breaker to show. Required.</summary>
    [Parameter, EditorRequired] public BreakerView Breaker { get; set; } = default!;

    /// <summary>The simulated time of the snapshot, in seconds; the band ends here. Default: 0.</summary>
    [Parameter] public double Now { get; set; }

    /// <summary>Seconds of history the band covers. Default: 60.</summary>
    [Parameter] public double BandSeconds { get; set; } = 60;

    /// <summary>Raised with the service id when "Isolate" is pressed.</summary>
    [Parameter] public EventCallback<string> OnIsolate { get; set; }

    /// <summary>Raised with the service id when "Close circuit" is pressed.</summary>
    [Parameter] public EventCallback<string> OnClose { get; set; }

    /// <summary>False for a viewer who may only watch: the card shows the breaker, not the isolate and close buttons. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private bool CanIsolate => Breaker.State is not (BreakerStates.Isolated or BreakerStates.Removed);

    private bool CanClose => Breaker.State is BreakerStates.Open or BreakerStates.HalfOpen or BreakerStates.Isolated;

    private double BandStart => Math.Max(0, Now - BandSeconds);

    private string StateDetail => Breaker.State switch
    {
        BreakerStates.Open when Breaker.HalfOpenIn is { } wait => wait > 0
            ? $"Open for {UiFormat.ShortSeconds(Breaker.TimeInState)}; Half-Open in {UiFormat.ShortSeconds(wait)}"
            : $"Open for {UiFormat.ShortSeconds(Breaker.TimeInState)}; the next call will be a probe",
        BreakerStates.HalfOpen => $"Half-Open for {UiFormat.ShortSeconds(Breaker.TimeInState)}; probe calls let through: {Breaker.ProbesThisHalfOpen} of 1",
        BreakerStates.Isolated => $"Isolated by hand for {UiFormat.ShortSeconds(Breaker.TimeInState)}; every call gets the fallback",
        BreakerStates.Removed => "No breaker: calls go straight to the service",
        _ => $"{Breaker.State} for {UiFormat.ShortSeconds(Breaker.TimeInState)}",
    };

    private IEnumerable<(string State, double X, double Width)> Segments
    {
        get
        {
            double start = BandStart, span = Math.Max(Now - start, 1e-9);
            foreach (var s in Breaker.Band)
            {
                double from = Math.Max(s.Start, start), to = Math.Min(s.End ?? Now, Now);
                if (to > from)
                {
                    yield return (s.State, (from - start) / span * 1000, (to - from) / span * 1000);
                }
            }
        }
    }

    private string BandDescription
    {
        get
        {
            var shown = Breaker.Band.Where(s => (s.End ?? Now) > BandStart).TakeLast(6)
                .Select(s => $"{s.State} from {UiFormat.ShortSeconds(s.Start)}{(s.End is { } end ? $" to {UiFormat.ShortSeconds(end)}" : " until now")}");
            return $"States of the breaker over the last {UiFormat.Number(BandSeconds)} s: {string.Join("; ", shown)}";
        }
    }

    private static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Ms(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
