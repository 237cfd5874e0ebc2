using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Web.Components.Patterns.CircuitBreaker;

/// <summary>How the caller and the services read on screen: role and health as text and shape.</summary>
public sealed class CircuitBreakerPresenter : INodePresenter
{
    public static CircuitBreakerPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "caller"),
        new(ShapePaths.Circle, "healthy service"),
        new(ShapePaths.Triangle, "failing or slow service"),
        new(ShapePaths.Diamond, "service down"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("response", "good answer", ShapePaths.Circle),
        new("error", "error answer", ShapePaths.Triangle),
    ];

    public static bool IsCaller(NodeView node) => node.Id == CallerId;

    public string Shape(NodeView node) => IsCaller(node) ? ShapePaths.Square : node.State switch
    {
        Health.Down => ShapePaths.Diamond,
        Health.Failing or Health.Slow => ShapePaths.Triangle,
        _ => ShapePaths.Circle,
    };

    /// <summary>"caller", or a service's health and its breaker: "slow, breaker Open".</summary>
    public string StateText(NodeView node) =>
        IsCaller(node) ? "caller" : $"{node.State}, breaker {node.Properties.GetValueOrDefault(Property.Breaker)}";

    public string? Caption(NodeView node) => IsCaller(node)
        ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.BusySlots))} of {UiFormat.Value(node.Properties.GetValueOrDefault(Property.Slots))} slots busy"
        : $"breaker {node.Properties.GetValueOrDefault(Property.Breaker)}";

    public string AriaLabel(NodeView node) => $"{node.Label}, {StateText(node)}";

    /// <summary>From the diagram only the on-off faults of a service; values are set on its card.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) =>
        !IsCaller(node) && fault.Parameter is null;

    /// <summary>The CSS word for a breaker state: closed, open, half-open, isolated, removed.</summary>
    public static string StateClass(string state) => state.ToLowerInvariant();

    /// <summary>A one-letter mark for the band, so that states differ by text as well as colour.</summary>
    public static string StateMark(string state) => state switch
    {
        BreakerStates.Open => "O",
        BreakerStates.HalfOpen => "H",
        BreakerStates.Isolated => "I",
        _ => "C",
    };
}
