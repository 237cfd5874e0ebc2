using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Shared.Queueing;

/// <summary>How long a worker takes per request: exponential (the "M" of M/M/1) or always the mean (the "D" of M/D/1).</summary>
public enum ServiceTimeShape
{
    Exponential,
    Fixed,
}

/// <summary>The distribution of the work one request takes.</summary>
public sealed record ServiceTime(TimeSpan Mean, ServiceTimeShape Shape)
{
    public static ServiceTime FromRate(double perSecond, ServiceTimeShape shape)
    {
        if (double.IsNaN(perSecond) || perSecond <= 0)
        {
            throw new SimulationInputException($"A service rate must be above 0 requests per second; got {perSecond}.");
        }
        return new ServiceTime(TimeSpan.FromSeconds(1 / perSecond), shape);
    }

    public double RatePerSecond => 1 / Mean.TotalSeconds;

    public TimeSpan Draw(SeededRandom random) => Shape == ServiceTimeShape.Fixed ? Mean : random.NextExponential(Mean);

    public string Word => Shape == ServiceTimeShape.Fixed ? "fixed" : "exponential";
}
