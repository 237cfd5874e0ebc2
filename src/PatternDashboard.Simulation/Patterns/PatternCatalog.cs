using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Ambassador;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Simulation.Patterns.ClientServer;
using PatternDashboard.Simulation.Patterns.Cqrs;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Simulation.Patterns.EventSourcing;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Simulation.Patterns.Microservices;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Simulation.Patterns.Saga;
using PatternDashboard.Simulation.Patterns.ServiceDiscovery;
using PatternDashboard.Simulation.Patterns.Sidecar;
using PatternDashboard.Simulation.Patterns.ServiceMesh;
using PatternDashboard.Simulation.Patterns.Sharding;
using PatternDashboard.Simulation.Patterns.StranglerFig;

namespace PatternDashboard.Simulation.Patterns;

/// <summary>Every pattern the app offers. A pattern appears here only once it works end to end.</summary>
public static class PatternCatalog
{
    public static PatternRegistry CreateRegistry() => new(
    [
        LeaderElectionPattern.Descriptor,
        CircuitBreakerPattern.Descriptor,
        AmbassadorPattern.Descriptor,
        PubSubPattern.Descriptor,
        EventDrivenPattern.Descriptor,
        ClientServerPattern.Descriptor,
        ServiceDiscoveryPattern.Descriptor,
        ApiGatewayPattern.Descriptor,
        SagaPattern.Descriptor,
        EventSourcingPattern.Descriptor,
        ShardingPattern.Descriptor,
        StranglerFigPattern.Descriptor,
        MicroservicesPattern.Descriptor,
        CqrsPattern.Descriptor,
        SidecarPattern.Descriptor,
        ServiceMeshPattern.Descriptor,
    ]);
}
