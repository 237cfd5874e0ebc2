namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>
/// What queueing theory predicts for Poisson arrivals at rate lambda to c workers of rate mu each, with an unbounded
/// FIFO queue: Erlang C for exponential service (M/M/c), Pollaczek-Khinchine for fixed service on one worker (M/D/1),
/// and the Allen-Cunneen approximation (half the M/M/c wait) for fixed service on several.
/// </summary>
public static class QueueTheory
{
    /// <summary>Offered utilization rho = lambda / (c mu).</summary>
    public static double Utilization(double lambda, double mu, int workers) => lambda / (workers * mu);

    /// <summary>The chance an arrival has to wait (Erlang C), for rho below 1.</summary>
    public static double ChanceOfWaiting(double lambda, double mu, int workers)
    {
        double a = lambda / mu;
        // Erlang B by its recurrence, which stays stable for many workers; then C from B.
        double b = 1;
        for (int k = 1; k <= workers; k++)
        {
            b = a * b / (k + a * b);
        }
        return workers * b / (workers - a * (1 - b));
    }

    /// <summary>Mean time in the system (queue plus service) in seconds; null at or above full load, where it grows without bound.</summary>
    public static double? MeanSojournSeconds(double lambda, double mu, int workers, ServiceTimeShape shape)
    {
        if (lambda < 0 || mu <= 0 || workers < 1 || Utilization(lambda, mu, workers) >= 1)
        {
            return null;
        }
        if (lambda == 0)
        {
            return 1 / mu;
        }
        double wait = ChanceOfWaiting(lambda, mu, workers) / (workers * mu - lambda);
        return (shape == ServiceTimeShape.Fixed ? wait / 2 : wait) + 1 / mu;
    }

    /// <summary>
    /// A percentile (0 to 1) of the time in the system, in seconds, where a closed form exists: M/M/1, whose time in
    /// system is exponential with rate mu - lambda. Null otherwise.
    /// </summary>
    public static double? SojournPercentileSeconds(double lambda, double mu, int workers, ServiceTimeShape shape, double p)
    {
        if (workers != 1 || shape != ServiceTimeShape.Exponential || lambda < 0 || mu <= 0 || lambda >= mu)
        {
            return null;
        }
        return -Math.Log(1 - p) / (mu - lambda);
    }

    /// <summary>True when <see cref="MeanSojournSeconds"/> is exact rather than an approximation.</summary>
    public static bool IsExact(int workers, ServiceTimeShape shape) => workers == 1 || shape == ServiceTimeShape.Exponential;

    /// <summary>Kendall's name of the model: "M/M/1", "M/D/4".</summary>
    public static string ModelName(int workers, ServiceTimeShape shape) => $"M/{(shape == ServiceTimeShape.Fixed ? "D" : "M")}/{workers}";
}
