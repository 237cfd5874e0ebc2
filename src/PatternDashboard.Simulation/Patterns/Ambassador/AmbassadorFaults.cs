using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Simulation.Patterns.Ambassador;

/// <summary>How the cluster checks and applies each fault of <see cref="AmbassadorPattern.Faults"/>.</summary>
public sealed partial class AmbassadorCluster
{
    /// <summary>Share of requests a latency spike hits.</summary>
    public const double SpikeShare = 0.2;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        if (Faults.IsActive(definition.Id))
        {
            throw new SimulationInputException($"{definition.Label} is already in force; undo it first.");
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case Fault.TransientErrors:
                Service.ErrorRate = value / 100;
                return () => Service.ErrorRate = 0;
            case Fault.LatencySpikes:
                Service.AddedLatency = TimeSpan.FromMilliseconds(value);
                Service.LatencyShare = SpikeShare;
                return () =>
                {
                    Service.AddedLatency = TimeSpan.Zero;
                    Service.LatencyShare = 1;
                };
            case Fault.ServiceDown:
                Service.Crash();
                return () => Service.Restart();
            case Fault.AmbassadorCrash:
                Ambassador.Crash();
                return () => Ambassador.Restart();
            case Fault.Bypass:
                Bypassed = true;
                return () => Bypassed = false;
            case Fault.RetryStorm:
                RetryStorm = true;
                Log.Append(AmbassadorId, "ambassador", "Retries now go out at once, up to the maximum, with no budget");
                return () =>
                {
                    RetryStorm = false;
                    Log.Append(AmbassadorId, "ambassador", "Backoff, jitter and the retry budget are back");
                };
            default:
                throw new SimulationInputException($"Fault '{definition.Id}' is not handled by {Id}.");
        }
    }
}
