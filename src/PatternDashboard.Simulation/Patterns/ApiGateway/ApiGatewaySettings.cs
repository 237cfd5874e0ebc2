using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>The options of an API gateway cluster as typed values, checked against each other.</summary>
public sealed record ApiGatewaySettings(
    int Clients,
    int InstancesPerService,
    double RequestsPerSecond,
    int BucketCapacity,
    double RefillPerSecond,
    TimeSpan Window,
    TimeSpan ServiceLatency,
    TimeSpan BackendTimeout,
    TimeSpan ClientTimeout,
    TimeSpan NetworkDelay)
{
    /// <summary>Requests a client may make per fixed window: the bucket's long-run rate over one window.</summary>
    public int WindowLimit => (int)Math.Round(RefillPerSecond * Window.TotalSeconds);

    /// <summary>The longest a gateway takes for a single route: one attempt, one retry, each with its timeout.</summary>
    public TimeSpan GatewayWorstCase => 2 * BackendTimeout + 4 * NetworkDelay;

    public static ApiGatewaySettings From(IReadOnlyDictionary<string, double> options)
    {
        var settings = new ApiGatewaySettings(
            (int)options[Option.Clients],
            (int)options[Option.InstancesPerService],
            options[Option.RequestsPerSecond],
            (int)options[Option.BucketCapacity],
            options[Option.RefillPerSecond],
            TimeSpan.FromSeconds(options[Option.WindowSeconds]),
            TimeSpan.FromMilliseconds(options[Option.ServiceLatencyMs]),
            TimeSpan.FromMilliseconds(options[Option.BackendTimeoutMs]),
            TimeSpan.FromMilliseconds(options[Option.ClientTimeoutMs]),
            TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));
        if (settings.WindowLimit < 1)
        {
            throw new SimulationInputException(
                $"A fixed window of {options[Option.WindowSeconds]} s at a refill rate of {options[Option.RefillPerSecond]} per s allows no request at all; make the window or the rate larger (their product must be at least 1).");
        }
        if (settings.ClientTimeout <= settings.GatewayWorstCase)
        {
            throw new SimulationInputException(
                $"The client timeout ({options[Option.ClientTimeoutMs]} ms) must be longer than the gateway's worst case, two backend attempts of {options[Option.BackendTimeoutMs]} ms plus the network ({settings.GatewayWorstCase.TotalMilliseconds:0} ms), or clients give up on answers that are on their way.");
        }
        if (settings.BackendTimeout <= settings.ServiceLatency + 2 * settings.NetworkDelay)
        {
            throw new SimulationInputException(
                $"The backend timeout ({options[Option.BackendTimeoutMs]} ms) must be longer than the service time plus a round trip ({(settings.ServiceLatency + 2 * settings.NetworkDelay).TotalMilliseconds:0} ms), or no backend call can ever succeed.");
        }
        return settings;
    }
}
