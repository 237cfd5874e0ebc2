using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.ApiGateway;

namespace PatternDashboard.Simulation.Tests.Patterns.ApiGateway;

/// <summary>Builds API Gateway clusters the way the app does, and checks recorded passes against a bound.</summary>
internal static class ApiGatewayTestSupport
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { (long)s });

    public static ApiGatewayCluster Create(long seed, Dictionary<string, double>? options = null) =>
        (ApiGatewayCluster)PatternCatalog.CreateRegistry().Get(ApiGatewayPattern.Id).CreateSimulation(seed, options);

    public static ActiveFault? Inject(SimulationBase simulation, string faultId, string? target = null, double? value = null) =>
        simulation.InjectFault(new FaultRequest(faultId, target, value));

    /// <summary>Every pass of every client, in order, as the cluster reports them.</summary>
    public static Dictionary<string, List<TimeSpan>> RecordPasses(ApiGatewayCluster cluster)
    {
        var passes = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        cluster.PassObserver = (client, at) =>
        {
            if (!passes.TryGetValue(client, out var list))
            {
                passes[client] = list = [];
            }
            list.Add(at);
        };
        return passes;
    }

    /// <summary>The largest excess over capacity + rate x t among all intervals between two passes; 0 or less when within.</summary>
    public static double WorstExcess(IReadOnlyList<TimeSpan> times, double capacity, double rate)
    {
        double worst = double.NegativeInfinity;
        for (int i = 0; i < times.Count; i++)
        {
            for (int j = i; j < times.Count; j++)
            {
                double t = (times[j] - times[i]).TotalSeconds;
                worst = Math.Max(worst, j - i + 1 - (capacity + rate * t));
            }
        }
        return worst;
    }

    /// <summary>The most passes within any span of <paramref name="span"/>.</summary>
    public static int MostWithin(IReadOnlyList<TimeSpan> times, TimeSpan span)
    {
        int most = 0;
        for (int i = 0, j = 0; j < times.Count; j++)
        {
            while (times[j] - times[i] > span)
            {
                i++;
            }
            most = Math.Max(most, j - i + 1);
        }
        return most;
    }

    public static string Red(SimulationBase simulation) =>
        string.Join("; ", simulation.Invariants.Views().Where(v => v.Violations > 0).Select(v => $"{v.Id}: {v.LastViolation}"));
}

/// <summary>A clock a test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    public TimeSpan Now { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.Ticks;
}
