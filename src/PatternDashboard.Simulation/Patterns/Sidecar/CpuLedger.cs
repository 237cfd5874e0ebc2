namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>Who spent the pod's CPU: the app's own work, each sidecar, and (break it) the plumbing inside the app.</summary>
public enum CpuUser
{
    App,
    Proxy,
    Shipper,
    Metrics,
    InAppPlumbing,
}

/// <summary>CPU milliseconds per user in one-second buckets over the last ten seconds: fixed memory.</summary>
public sealed class CpuLedger
{
    public const int Seconds = 10;

    private static readonly int Users = Enum.GetValues<CpuUser>().Length;

    private readonly double[] spent = new double[Seconds * Users];
    private readonly long[] bucketSecond = new long[Seconds];

    public void Add(TimeSpan now, CpuUser user, TimeSpan cpu)
    {
        long second = (long)now.TotalSeconds;
        int slot = (int)(second % Seconds);
        if (bucketSecond[slot] != second)
        {
            bucketSecond[slot] = second;
            spent.AsSpan(slot * Users, Users).Clear();
        }
        spent[slot * Users + (int)user] += cpu.TotalMilliseconds;
    }

    /// <summary>Average CPU milliseconds per second over the last five whole seconds.</summary>
    public double MsPerSecond(TimeSpan now, CpuUser user)
    {
        long current = (long)now.TotalSeconds;
        double sum = 0;
        int counted = 0;
        for (long second = current - 5; second < current; second++)
        {
            if (second < 0)
            {
                continue;
            }
            counted++;
            int slot = (int)(second % Seconds);
            if (bucketSecond[slot] == second)
            {
                sum += spent[slot * Users + (int)user];
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }
}
