using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// No request without a valid token reaches a service: the identity provider judges every request an instance
/// receives, whoever sent it. Red while such requests keep arriving, and for <see cref="Memory"/> after the last.
/// </summary>
public sealed class OnlyValidTokensReachServicesMonitor(ApiGatewayCluster cluster)
    : InvariantMonitor(MonitorId, "No request without a valid token reaches a service")
{
    public const string MonitorId = "only-valid-tokens";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    public override string? Check() =>
        cluster.LastUnauthenticatedAt is { } last && cluster.Clock.Now - last < Memory
            ? $"{cluster.UnauthenticatedArrivals} request(s) so far reached services without a valid token; last: {cluster.LastUnauthenticated}."
            : null;
}

/// <summary>
/// No client gets more requests through to the services than its limiter allows: with a token bucket of capacity b and
/// rate r, at most b + r x t over every interval t; with a fixed window, at most its limit in each window. Counted
/// since the current limiter was set. Red while a client is over, and for <see cref="Memory"/> after.
/// </summary>
public sealed class WithinRateLimitMonitor(ApiGatewayCluster cluster)
    : InvariantMonitor(MonitorId, "No client gets more requests through than its limit (bucket: capacity + rate x t over any t)")
{
    public const string MonitorId = "within-rate-limit";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    public override string? Check()
    {
        var now = cluster.Clock.Now;
        var clients = cluster.Clients;
        // Checked after every event: an index loop, so no enumerator is allocated.
        for (int i = 0; i < clients.Count; i++)
        {
            var book = cluster.Book(clients[i].Id);
            if (book.LastOverLimitAt is { } last && now - last < Memory)
            {
                return $"{clients[i].Label} got {book.LastOverLimit} ({book.OverLimit} request(s) over so far).";
            }
        }
        return null;
    }
}
