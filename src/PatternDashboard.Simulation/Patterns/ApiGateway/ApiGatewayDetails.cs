using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>What the API Gateway page shows beyond the nodes.</summary>
/// <param name="Limiter">"token bucket" or "fixed window".</param>
/// <param name="DirectCalls">True while "break it" has clients call the services themselves.</param>
/// <param name="PeakSpanSeconds">The span over which each client's peak burst is measured.</param>
/// <param name="BucketPeakBound">What a token bucket lets through in that span at most: capacity + rate x span.</param>
/// <param name="WindowPeakBound">What a fixed window can let through in that span around an edge: twice its limit.</param>
/// <param name="Retries">Backend calls the gateways tried again on another instance.</param>
/// <param name="LevelStep">Seconds between two points of a client's level history.</param>
public sealed record ApiGatewayDetails(
    string Limiter,
    bool DirectCalls,
    int GatewaysUp,
    int GatewaysDeployed,
    int BucketCapacity,
    double RefillPerSecond,
    double WindowSeconds,
    int WindowLimit,
    double LevelMax,
    double PeakSpanSeconds,
    double BucketPeakBound,
    int WindowPeakBound,
    double LevelStep,
    long UnauthenticatedArrivals,
    long OverLimit,
    long Retries,
    IReadOnlyList<ClientView> Clients,
    IReadOnlyList<RouteView> Routes,
    IReadOnlyList<InstanceView> Instances,
    CompositeView Composite);

/// <summary>One client: what it sends, what the gateway decided, what came back, and its limiter's level over time.</summary>
/// <param name="State">"client", "flooding", "bad token" or its lifecycle.</param>
/// <param name="Level">Tokens in its bucket, or requests left in its window.</param>
/// <param name="PeakInSpan">The most of its requests that went on to the services within any PeakSpanSeconds.</param>
/// <param name="Levels">The level every LevelStep seconds over the last 30 s, oldest first.</param>
public sealed record ClientView(
    string Id, string Label, bool Up, string State, double Rate, double SentPerSecond, double AllowedPerSecond, double LimitedPerSecond,
    double RefusedPerSecond, double Level, long Sent, long Allowed, long Limited, long Refused, long Ok, long Partial, long Failed,
    long TimedOut, long Passed, int PeakInSpan, IReadOnlyList<double> Levels);

/// <summary>One route: where it goes and how its requests ended.</summary>
public sealed record RouteView(string Route, string Target, long Refused, long Limited, long Forwarded, double PerSecond, long Ok, long Partial, long Failed);

/// <summary>One service instance: its load and state.</summary>
public sealed record InstanceView(string Id, string Service, string State, bool Up, long Received, double PerSecond, int Busy, int Queued, long Errors);

/// <summary>The summaries so far and the last one's waterfall.</summary>
/// <param name="MeanSumOfPartsMs">What the summary would cost if the gateway called the services one after another.</param>
public sealed record CompositeView(
    long Full, long Partial, long Failed, double P50Ms, double P99Ms, double MeanMs, double MeanSlowestPartMs, double MeanSumOfPartsMs,
    double TimeoutMs, CompositeRecord? Last);

public sealed partial class ApiGatewayCluster
{
    public ApiGatewayDetails Details() => new(
        Limits.Kind == LimiterKind.TokenBucket ? Limiter.TokenBucket : Limiter.FixedWindow,
        DirectCalls,
        gateways.Count(g => g.Deployed && g.IsUp),
        gateways.Count(g => g.Deployed),
        Settings.BucketCapacity,
        Settings.RefillPerSecond,
        Settings.Window.TotalSeconds,
        Settings.WindowLimit,
        Limits.LevelMax,
        ClientBook.PeakSpan.TotalSeconds,
        Settings.BucketCapacity + Settings.RefillPerSecond * ClientBook.PeakSpan.TotalSeconds,
        2 * Settings.WindowLimit,
        SampleInterval.TotalSeconds,
        UnauthenticatedArrivals,
        books.Values.Sum(b => b.OverLimit),
        gateways.Sum(g => g.Retries),
        [.. clients.Select(ClientView)],
        [.. Route.All.Select(RouteView)],
        [.. instances.Select(i => new InstanceView(i.Id, ServiceOfInstance(i.Id), InstanceState(i), i.IsUp, i.Received,
            instanceRates.GetValueOrDefault(i.Id), i.Busy, i.Queued, i.Errors))],
        new CompositeView(Composites.Full, Composites.Partial, Composites.Failed, Math.Round(Composites.P50Ms, 1), Math.Round(Composites.P99Ms, 1),
            Math.Round(Composites.MeanMs, 1), Math.Round(Composites.MeanSlowestPartMs, 1), Math.Round(Composites.MeanSumOfPartsMs, 1),
            Settings.BackendTimeout.TotalMilliseconds, Composites.Last));

    private ClientView ClientView(GatewayClientNode client)
    {
        var book = books[client.Id];
        return new ClientView(client.Id, client.Label, client.IsUp, ClientState(client), client.Rate, book.SentPerSecond, book.AllowedPerSecond,
            book.LimitedPerSecond, book.RefusedPerSecond, Math.Round(Limits.Level(client.Id), 2), book.Sent, book.Allowed, book.Limited, book.Refused,
            book.Ok, book.Partial, book.Failed, book.TimedOut, book.Passed, book.PeakInSpan, book.Levels);
    }

    private RouteView RouteView(string route)
    {
        var book = routeBooks[route];
        string target = Route.ServiceOf(route) ?? string.Join(" + ", Service.All);
        return new RouteView(route, target, book.Refused, book.Limited, book.Forwarded, book.PerSecond, book.Ok, book.Partial, book.Failed);
    }
}
