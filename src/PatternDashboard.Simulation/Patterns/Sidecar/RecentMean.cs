namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>The mean of the latest samples, in fixed memory.</summary>
public sealed class RecentMean(int samples = 256)
{
    private readonly double[] values = new double[samples];
    private int count, next;
    private double sum;

    public double Mean => count == 0 ? 0 : sum / count;

    public void Add(double value)
    {
        if (count == values.Length)
        {
            sum -= values[next];
        }
        else
        {
            count++;
        }
        values[next] = value;
        sum += value;
        next = (next + 1) % values.Length;
    }
}
