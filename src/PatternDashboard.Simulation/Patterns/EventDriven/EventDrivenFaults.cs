using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.EventDriven.EventDrivenPattern;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>How the cluster checks and applies its own faults of <see cref="EventDrivenPattern.Faults"/>; the broker's and the kernel's are inherited.</summary>
public sealed partial class EventDrivenCluster
{
    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        string? refusal = definition.Id switch
        {
            Fault.AddService when !Broker.IsUp => "The event bus is down, and subscriptions are declared on it; restart it first.",
            Fault.AddService when Subscribers.Count >= Services.Count => $"All {Services.Count} services already subscribe.",
            Fault.SynchronousCalls when Signup.Synchronous => "The sign-up service already calls the services directly.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
        base.CheckApplicable(definition, request);
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case Fault.AddService:
                var service = Services[Subscribers.Count];
                var consumer = AddService(service, service.DefaultProcessingMs);
                Log.Append(consumer.Id, "subscription", $"{service.Label} subscribes to \"{Topic}\"; the sign-up service is unchanged");
                return null;
            case Fault.RegistrationRate:
                Signup.SetRate(value);
                return null;
            case Fault.SynchronousCalls:
                Signup.Synchronous = true;
                return () => Signup.Synchronous = false;
            default:
                return base.ApplyFault(definition, request);
        }
    }
}
