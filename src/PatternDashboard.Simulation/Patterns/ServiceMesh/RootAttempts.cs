namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// For the latest client requests, how many attempts each caused at each service, and the most any one caused lately.
/// Keeps <see cref="Remembered"/> requests; an older one is forgotten, which only a request retried for minutes would notice.
/// </summary>
public sealed class RootAttempts
{
    public const int Remembered = 4_096;

    private readonly Dictionary<long, int[]> counts = [];
    private readonly Queue<long> order = new();

    /// <summary>The most attempts one request caused at one service, with when, which and where.</summary>
    public (int Attempts, long Root, string Service, TimeSpan At) Worst { get; private set; }

    public TimeSpan? LastOverBoundAt { get; private set; }

    public (int Attempts, long Root, string Service) LastOverBound { get; private set; }

    public long OverBound { get; private set; }

    /// <summary>Counts one attempt reaching <paramref name="service"/> for request <paramref name="root"/>; returns the count so far.</summary>
    public int Add(long root, string service, TimeSpan now, int bound)
    {
        if (!counts.TryGetValue(root, out var perService))
        {
            perService = new int[ServiceMeshPattern.Service.All.Count];
            counts.Add(root, perService);
            order.Enqueue(root);
            if (order.Count > Remembered)
            {
                counts.Remove(order.Dequeue());
            }
        }
        int index = IndexOf(service);
        int attempts = ++perService[index];
        if (attempts >= Worst.Attempts || now - Worst.At > TimeSpan.FromSeconds(10))
        {
            Worst = (attempts, root, service, now);
        }
        if (attempts > bound)
        {
            OverBound++;
            LastOverBoundAt = now;
            LastOverBound = (attempts, root, service);
        }
        return attempts;
    }

    /// <summary>Attempts request <paramref name="root"/> caused at <paramref name="service"/> (0 if forgotten).</summary>
    public int Of(long root, string service) => counts.TryGetValue(root, out var perService) ? perService[IndexOf(service)] : 0;

    private static int IndexOf(string service) => service switch
    {
        ServiceMeshPattern.Service.Web => 0,
        ServiceMeshPattern.Service.Orders => 1,
        _ => 2,
    };
}
