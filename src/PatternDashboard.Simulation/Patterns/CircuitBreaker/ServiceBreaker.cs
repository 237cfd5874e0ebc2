using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Telemetry;
using Polly.Timeout;

namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>
/// The caller's policy for one service: Polly's fallback, circuit breaker and timeout, built on the simulation's clock.
/// Polly's state callbacks (OnOpened...) run on a background task, so they are not used: state changes arrive through
/// Polly's telemetry, which it reports synchronously at the moment of the change. New options rebuild the breaker,
/// which is how Polly applies new options (it starts Closed again).
/// </summary>
public sealed class ServiceBreaker
{
    private readonly SimulationBase simulation;
    private readonly string label;
    private readonly TimeSpan callTimeout;
    private CircuitBreakerStateProvider stateProvider = new();
    private CircuitBreakerManualControl manualControl = new();
    private int generation;

    public ServiceBreaker(SimulationBase simulation, string serviceId, string label, CircuitBreakerSettings settings, TimeSpan callTimeout)
    {
        this.simulation = simulation;
        this.label = label;
        this.callTimeout = callTimeout;
        ServiceId = serviceId;
        Settings = settings;
        Unguarded = new ResiliencePipelineBuilder<ServiceReply> { TimeProvider = simulation.Clock }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = callTimeout })
            .Build();
        Guarded = Build();
    }

    public string ServiceId { get; }

    public CircuitBreakerSettings Settings { get; private set; }

    public TimeSpan CallTimeout => callTimeout;

    /// <summary>Fallback, then breaker, then timeout, then the call.</summary>
    public ResiliencePipeline<ServiceReply> Guarded { get; private set; }

    /// <summary>The call with its timeout only: what is left when the breakers are removed.</summary>
    public ResiliencePipeline<ServiceReply> Unguarded { get; }

    /// <summary>The state as Polly's breaker itself reports it.</summary>
    public CircuitState PollyState => stateProvider.CircuitState;

    public string State => BreakerStates.Of(PollyState);

    public BreakerTimeline Timeline { get; } = new();

    public CallStats Stats { get; } = new();

    /// <summary>True while an operator holds the circuit open.</summary>
    public bool IsIsolated { get; private set; }

    /// <summary>When the circuit last opened; with the break duration it gives the countdown to Half-Open.</summary>
    public TimeSpan? OpenedAt { get; private set; }

    /// <summary>Calls let through to the service during the current Half-Open period.</summary>
    public int ProbesThisHalfOpen { get; private set; }

    public ProbeResult? LastProbe { get; private set; }

    /// <summary>Applies new options: Polly reads options once, so the breaker is rebuilt and starts Closed.</summary>
    public void Rebuild(CircuitBreakerSettings settings)
    {
        Settings = settings;
        Guarded = Build();
        if (Timeline.Current != BreakerStates.Closed)
        {
            Timeline.Record(simulation.Clock.Now.TotalSeconds, BreakerStates.Closed, manual: true, "rebuilt with new options");
        }
        simulation.Log.Append(ServiceId, "breaker", $"Breaker {label} rebuilt: ratio {settings.FailureRatio:0.##}, minimum {settings.MinimumThroughput} calls, " +
            $"window {settings.SamplingDuration.TotalMilliseconds:0} ms, break {settings.BreakDuration.TotalMilliseconds:0} ms; it starts Closed");
        if (IsIsolated)
        {
            InlineContinuations.RequireCompleted(manualControl.IsolateAsync(), "Isolating the circuit");
        }
    }

    public void Isolate()
    {
        IsIsolated = true;
        InlineContinuations.RequireCompleted(manualControl.IsolateAsync(), "Isolating the circuit");
    }

    public void Close()
    {
        IsIsolated = false;
        InlineContinuations.RequireCompleted(manualControl.CloseAsync(), "Closing the circuit");
    }

    /// <summary>Called as a call leaves for the service; in Half-Open that call is a probe.</summary>
    public bool NoteCallSent()
    {
        if (PollyState != CircuitState.HalfOpen)
        {
            return false;
        }
        ProbesThisHalfOpen++;
        simulation.Log.Append(ServiceId, "probe", $"Breaker {label} is Half-Open: probe call {ProbesThisHalfOpen} sent");
        return true;
    }

    public void NoteProbeResult(bool ok, string detail)
    {
        LastProbe = new ProbeResult(simulation.Clock.Now.TotalSeconds, ok, detail);
        simulation.Log.Append(ServiceId, "probe", $"Breaker {label}: probe {(ok ? "succeeded" : $"failed ({detail})")}");
    }

    private ResiliencePipeline<ServiceReply> Build()
    {
        stateProvider = new CircuitBreakerStateProvider();
        manualControl = new CircuitBreakerManualControl();
        int built = ++generation;
        return new ResiliencePipelineBuilder<ServiceReply>
            {
                TimeProvider = simulation.Clock,
                TelemetryListener = new TransitionListener(this, built),
            }
            .AddFallback(new FallbackStrategyOptions<ServiceReply>
            {
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                FallbackAction = args =>
                {
                    if (args.Outcome.Exception is BrokenCircuitException)
                    {
                        Stats.Add(simulation.Clock.Now, CallOutcome.Rejected);
                    }
                    Stats.Add(simulation.Clock.Now, CallOutcome.Fallback);
                    return Outcome.FromResultAsValueTask(new ServiceReply(true, "fallback answer", IsFallback: true));
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ServiceReply>
            {
                FailureRatio = Settings.FailureRatio,
                MinimumThroughput = Settings.MinimumThroughput,
                SamplingDuration = Settings.SamplingDuration,
                BreakDuration = Settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                StateProvider = stateProvider,
                ManualControl = manualControl,
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = callTimeout })
            .Build();
    }

    private static bool IsFailure(Outcome<ServiceReply> outcome) => outcome.Exception is not null || outcome.Result is { Ok: false };

    private void Transition(int from, string to, bool manual, string reason)
    {
        // An older breaker (replaced by a rebuild) may still finish calls; its state no longer matters.
        if (from != generation || Timeline.Current == to)
        {
            return;
        }
        var now = simulation.Clock.Now;
        if (to == BreakerStates.Open)
        {
            OpenedAt = now;
        }
        if (to == BreakerStates.HalfOpen)
        {
            ProbesThisHalfOpen = 0;
        }
        simulation.Log.Append(ServiceId, "breaker", $"Breaker {label}: {Timeline.Current} → {to} ({reason})");
        Timeline.Record(now.TotalSeconds, to, manual, reason);
    }

    private string OpenReason()
    {
        var window = Stats.Over(simulation.Clock.Now, Settings.SamplingDuration);
        return $"{window.ErrorRatio:P0} of {window.Completed} calls failed in the last {Settings.SamplingDuration.TotalSeconds:0.#} s";
    }

    private sealed class TransitionListener(ServiceBreaker breaker, int generation) : TelemetryListener
    {
        public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
        {
            switch (args.Arguments)
            {
                case OnCircuitOpenedArguments<ServiceReply> { IsManual: true }:
                    breaker.Transition(generation, BreakerStates.Isolated, manual: true, "isolated by hand");
                    break;
                case OnCircuitOpenedArguments<ServiceReply>:
                    breaker.Transition(generation, BreakerStates.Open, manual: false,
                        breaker.Timeline.Current == BreakerStates.HalfOpen ? "the probe failed" : breaker.OpenReason());
                    break;
                case OnCircuitHalfOpenedArguments:
                    breaker.Transition(generation, BreakerStates.HalfOpen, manual: false, "break duration over; next call is a probe");
                    break;
                case OnCircuitClosedArguments<ServiceReply> closed:
                    breaker.Transition(generation, BreakerStates.Closed, closed.IsManual, closed.IsManual ? "closed by hand" : "the probe succeeded");
                    break;
            }
        }
    }
}

/// <summary>The latest Half-Open probe: when it ended and how.</summary>
public sealed record ProbeResult(double Time, bool Ok, string Detail);
