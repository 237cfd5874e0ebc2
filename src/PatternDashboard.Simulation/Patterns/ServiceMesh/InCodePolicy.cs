namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// Break it: the retries and timeouts each team wrote into its own service's code, chosen one service at a time. Each
/// looks reasonable alone; together they disagree: web gives up on orders before orders has finished its own retries
/// to payments, then asks again, and every ask starts a new round below.
/// </summary>
public static class InCodePolicy
{
    /// <summary>Retries per hop, from the edge: the client's library, web's, orders'.</summary>
    private static readonly int[] RetriesByHop = [1, 3, 2];

    private static readonly TimeSpan[] TimeoutsByHop = [TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)];

    public static int RetriesAt(int hop) => RetriesByHop[hop - 1];

    public static TimeSpan TimeoutAt(int hop) => TimeoutsByHop[hop - 1];
}
