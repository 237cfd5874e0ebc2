using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ClientServer;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Simulation.Tests.Patterns.ClientServer;

internal static class ClientServerTestSupport
{
    /// <summary>Long enough that no client gives up, deep enough that no request is turned away: the textbook queue.</summary>
    public static Dictionary<string, double> Textbook(double arrivals, double serviceRate = 10, int workers = 1, bool fixedTimes = false) => new()
    {
        [Option.ArrivalsPerSecond] = arrivals,
        [Option.ServiceRatePerSecond] = serviceRate,
        [Option.Workers] = workers,
        [Option.FixedServiceTime] = fixedTimes ? 1 : 0,
        [Option.TimeoutMs] = 600_000,
        [Option.QueueLimit] = 100_000,
    };

    public static ClientServerCluster Create(long seed = 1, Dictionary<string, double>? options = null) =>
        (ClientServerCluster)Descriptor.CreateSimulation(seed, options);

    public static ActiveFault? Inject(ClientServerCluster cluster, string faultId, string? target = null, double? value = null) =>
        cluster.InjectFault(new FaultRequest(faultId, target, value));

    public static InvariantView Invariant(SimulationBase simulation, string id) => simulation.Invariants.Views().Single(v => v.Id == id);

    /// <summary>Runs a warm-up, resets the statistics, runs the measured stretch and returns the details then.</summary>
    public static ClientServerDetails Measure(ClientServerCluster cluster, TimeSpan warmUp, TimeSpan measured)
    {
        cluster.RunFor(warmUp);
        Inject(cluster, Fault.ResetStatistics);
        cluster.RunFor(measured);
        return cluster.Details();
    }

    /// <summary>Client requests answered in time per second over a stretch of the run.</summary>
    public static double GoodputOver(ClientServerCluster cluster, TimeSpan duration)
    {
        long before = cluster.Tally.Answered;
        cluster.RunFor(duration);
        return (cluster.Tally.Answered - before) / duration.TotalSeconds;
    }
}
