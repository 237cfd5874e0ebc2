using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;

namespace PatternDashboard.Simulation.Patterns.CircuitBreaker;

/// <summary>
/// How the cluster checks and applies each fault of <see cref="CircuitBreakerPattern.Faults"/>. Live option changes
/// are instant faults with a value, so they are recorded and replayed like any other input.
/// </summary>
public sealed partial class CircuitBreakerCluster
{
    private static readonly HashSet<string> SettingFaults =
        [Fault.SetFailureRatio, Fault.SetMinimumThroughput, Fault.SetSamplingDuration, Fault.SetBreakDuration];

    private static readonly HashSet<string> ServiceFaults = [Fault.ErrorRate, Fault.Latency, Fault.HardDown];

    // Service faults aim at a service; the caller is the one whose calls they hurt.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => services.ContainsKey(node.Id);

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        if (definition.Target == FaultTarget.Node && !services.ContainsKey(request.Target!))
        {
            throw new SimulationInputException($"Fault '{definition.Id}' is aimed at a service: {ServiceA} or {ServiceB}; got '{request.Target}'.");
        }
        string? target = request.Target;
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case var id when SettingFaults.Contains(id):
                breakers[target!].Settings.With(id, value); // throws with Polly's range when out of it
                break;
            case var id when ServiceFaults.Contains(id) && Faults.IsActive(id, target):
                throw new SimulationInputException($"{definition.Label} is already in force on {services[target!].Label}; undo it first.");
            case Fault.Isolate when Faults.IsActive(Fault.Isolate, target):
                throw new SimulationInputException($"The circuit of {services[target!].Label} is already isolated.");
            case Fault.RemoveBreakers when BreakersRemoved:
                throw new SimulationInputException("The breakers are already removed.");
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        string? target = request.Target;
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case Fault.ErrorRate:
                services[target!].ErrorRate = value / 100;
                return () => services[target!].ErrorRate = 0;
            case Fault.Latency:
                services[target!].AddedLatency = TimeSpan.FromMilliseconds(value);
                return () => services[target!].AddedLatency = TimeSpan.Zero;
            case Fault.HardDown:
                services[target!].Crash();
                return () => services[target!].Restart();
            case Fault.Recover:
                foreach (var fault in Faults.Active.Where(f => f.Target == target && ServiceFaults.Contains(f.FaultId)).ToList())
                {
                    ClearQuietly(fault);
                }
                return null;
            case Fault.Load:
                Caller.SetRate(target!, value);
                return null;
            case Fault.Isolate:
                breakers[target!].Isolate();
                return () => breakers[target!].Close();
            case Fault.Close:
                if (Faults.Active.FirstOrDefault(f => f.FaultId == Fault.Isolate && f.Target == target) is { } isolated)
                {
                    ClearQuietly(isolated);
                }
                else
                {
                    breakers[target!].Close();
                }
                return null;
            case var id when SettingFaults.Contains(id):
                breakers[target!].Rebuild(breakers[target!].Settings.With(id, value));
                return null;
            case Fault.RemoveBreakers:
                BreakersRemoved = true;
                Log.Append(null, "breaker", "Breakers removed: calls go straight to the services with only a timeout");
                return () =>
                {
                    BreakersRemoved = false;
                    Log.Append(null, "breaker", "Breakers back in place");
                };
            default:
                throw new SimulationInputException($"Fault '{definition.Id}' is not handled by {Id}.");
        }
    }
}
