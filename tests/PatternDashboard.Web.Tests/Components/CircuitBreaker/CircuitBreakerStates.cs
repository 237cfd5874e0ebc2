using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Web.Tests.Components.CircuitBreaker;

/// <summary>Card data and session states taken from the real simulation, so the components see what they will see live.</summary>
internal static class CircuitBreakerStates
{
    /// <summary>Service A failing at 100 % for a few seconds: its breaker is Open; B is Closed.</summary>
    public static CircuitBreakerCluster WithOpenBreaker()
    {
        var cluster = (CircuitBreakerCluster)Descriptor.CreateSimulation(3);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        cluster.InjectFault(new FaultRequest(Fault.ErrorRate, ServiceA, 100));
        cluster.RunFor(TimeSpan.FromSeconds(3));
        return cluster;
    }

    public static BreakerView Card(CircuitBreakerCluster cluster, string serviceId) =>
        cluster.Details().Breakers.Single(b => b.ServiceId == serviceId);

    public static SessionState State(CircuitBreakerCluster cluster, string sessionId = "cb-1") =>
        new(sessionId, cluster.CreateSnapshot(), SessionStatus.Paused, 1, null, 0);
}
