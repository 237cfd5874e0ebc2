namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>One stretch of a breaker in one state; <see cref="End"/> is null while it lasts. Times in simulated seconds.</summary>
public sealed record BreakerSpan(string State, double Start, double? End);

/// <summary>A change of a breaker's state. Manual ones come from the operator (isolate, close) or a rebuild with new options.</summary>
public sealed record BreakerTransition(double Time, string From, string To, bool Manual, string Reason);

/// <summary>The states a breaker went through, newest kept: the band drawn under its card.</summary>
public sealed class BreakerTimeline
{
    public const int MaxSpans = 200;
    public const int MaxTransitions = 200;

    private readonly List<BreakerSpan> spans = [new(BreakerStates.Closed, 0, null)];
    private readonly Queue<BreakerTransition> transitions = new();

    public string Current => spans[^1].State;

    public double Since => spans[^1].Start;

    /// <summary>All transitions ever recorded, including those no longer kept.</summary>
    public long TransitionCount { get; private set; }

    public IReadOnlyList<BreakerSpan> Spans => spans;

    public IEnumerable<BreakerTransition> Recent => transitions;

    public void Record(double time, string to, bool manual, string reason)
    {
        string from = Current;
        transitions.Enqueue(new BreakerTransition(time, from, to, manual, reason));
        TransitionCount++;
        if (transitions.Count > MaxTransitions)
        {
            transitions.Dequeue();
        }
        spans[^1] = spans[^1] with { End = time };
        spans.Add(new BreakerSpan(to, time, null));
        if (spans.Count > MaxSpans)
        {
            spans.RemoveAt(0);
        }
    }
}

/// <summary>The words a breaker's state is shown and serialized with.</summary>
public static class BreakerStates
{
    public const string Closed = "Closed";
    public const string Open = "Open";
    public const string HalfOpen = "Half-Open";
    public const string Isolated = "Isolated";

    /// <summary>Shown instead of a state while "break it" has removed the breakers.</summary>
    public const string Removed = "Removed";

    public static string Of(Polly.CircuitBreaker.CircuitState state) => state switch
    {
        Polly.CircuitBreaker.CircuitState.Open => Open,
        Polly.CircuitBreaker.CircuitState.HalfOpen => HalfOpen,
        Polly.CircuitBreaker.CircuitState.Isolated => Isolated,
        _ => Closed,
    };

    /// <summary>True for the changes Polly's state machine makes by itself.</summary>
    public static bool IsAutomaticTransition(string from, string to) => (from, to) switch
    {
        (Closed, Open) or (Open, HalfOpen) or (HalfOpen, Closed) or (HalfOpen, Open) => true,
        _ => false,
    };

    /// <summary>An operator may isolate from any state, and close (or rebuild, which starts Closed) from any state.</summary>
    public static bool IsManualTransition(string from, string to) => from != to && to is Isolated or Closed;
}
