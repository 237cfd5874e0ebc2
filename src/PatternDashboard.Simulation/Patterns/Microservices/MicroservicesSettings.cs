using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>The options of a microservices cluster as typed values, checked against each other.</summary>
public sealed record MicroservicesSettings(
    int Replicas,
    double SurgeShare,
    double UnavailableShare,
    double RequestsPerSecond,
    TimeSpan CallTimeout,
    int GatewaySlots,
    TimeSpan NetworkDelay)
{
    public static MicroservicesSettings From(IReadOnlyDictionary<string, double> options)
    {
        var settings = new MicroservicesSettings(
            (int)options[Option.Replicas],
            options[Option.MaxSurgePercent] / 100,
            options[Option.MaxUnavailablePercent] / 100,
            options[Option.RequestsPerSecond],
            TimeSpan.FromMilliseconds(options[Option.CallTimeoutMs]),
            (int)options[Option.GatewaySlots],
            TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));
        if (settings.SurgeShare == 0 && settings.UnavailableShare == 0)
        {
            throw new SimulationInputException("Max surge and max unavailable cannot both be 0 %: a rolling deployment could neither add an instance nor take one away.");
        }
        if (settings.CallTimeout <= MicroserviceInstance.ServiceTime + 4 * settings.NetworkDelay)
        {
            throw new SimulationInputException(
                $"The call timeout ({options[Option.CallTimeoutMs]} ms) must be longer than a service's time plus a round trip ({(MicroserviceInstance.ServiceTime + 4 * settings.NetworkDelay).TotalMilliseconds:0} ms), or no call can succeed.");
        }
        return settings;
    }
}
