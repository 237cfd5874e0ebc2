using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>What the Service Mesh page shows beyond the nodes. Rates and shares are over the last 5 s.</summary>
/// <param name="RetriesEveryHop">True while "break it" gives every hop the retries.</param>
/// <param name="PolicyInCode">True while "break it" has each app's code set its own retries and timeouts.</param>
/// <param name="MtlsStrict">True while the desired policy requires mTLS.</param>
/// <param name="ExpectedLeafLoad">Attempts at payments per client request when payments fails: (1 + r) per retrying hop, multiplied.</param>
/// <param name="ObservedLeafLoad">Attempts that reached payments per client request, measured.</param>
/// <param name="WorstAttempts">The most attempts one request caused at one service in the last 10 s.</param>
/// <param name="CanaryConfigured">The pay-v2 weight in the desired policy.</param>
/// <param name="CanaryApplied">The pay-v2 weight the orders proxy runs.</param>
/// <param name="CanaryObserved">Share of payments attempts that went to pay-v2, in percent.</param>
public sealed record ServiceMeshDetails(
    bool RetriesEveryHop,
    bool PolicyInCode,
    bool MtlsStrict,
    bool OutsideClient,
    bool ControlPlaneUp,
    int Retries,
    int Depth,
    int AttemptBound,
    double ExpectedLeafLoad,
    double ObservedLeafLoad,
    int WorstAttempts,
    string? WorstService,
    long OverBound,
    long DesiredVersion,
    int Lagging,
    int CanaryConfigured,
    int CanaryApplied,
    double CanaryObserved,
    long PlaintextRefused,
    IReadOnlyList<EdgeRow> Edges,
    IReadOnlyList<ProxyRow> Proxies);

/// <summary>One edge: the requests its caller made against the attempts including retries, per second.</summary>
/// <param name="Tls">How the last request on it travelled: "mTLS", "plaintext", "plaintext, refused", or "idle".</param>
public sealed record EdgeRow(
    string From,
    string To,
    string Label,
    double RequestsPerSecond,
    double AttemptsPerSecond,
    double ErrorPercent,
    double P50Ms,
    double P99Ms,
    string Tls,
    long Requests,
    long Attempts);

/// <summary>One sidecar: the policy version it runs against the desired one, its mTLS and its hop's retries and timeout.</summary>
/// <param name="Mtls">In words: what it sends and what it accepts.</param>
/// <param name="Upstreams">Its destinations with their breakers, e.g. "pay-v1 closed, pay-v2 open (ejected)".</param>
public sealed record ProxyRow(
    string Id,
    string App,
    long Version,
    long DesiredVersion,
    string Mtls,
    int Retries,
    double TimeoutMs,
    string Upstreams);

public sealed partial class ServiceMeshCluster
{
    public static readonly TimeSpan DetailsWindow = TimeSpan.FromSeconds(5);

    public ServiceMeshDetails Details()
    {
        var now = Clock.Now;
        var desired = ControlPlane.Desired;
        var worst = Attempts.Worst;
        bool worstRecent = now - worst.At <= TimeSpan.FromSeconds(10) && worst.Attempts > 0;
        var v1 = Edge(OrdersProxyId, PayV1Id).Attempts.Over(now, DetailsWindow).Requests;
        var v2 = Edge(OrdersProxyId, PayV2Id).Attempts.Over(now, DetailsWindow).Requests;
        return new ServiceMeshDetails(
            RetriesEveryHop,
            PolicyInCode,
            desired.MtlsStrict,
            OutsideClientOn,
            ControlPlane.IsUp,
            desired.Retries,
            ServiceMeshPattern.Depth,
            desired.AttemptBound,
            desired.LeafLoadWhenFailing,
            Math.Round(LeafLoad(now, DetailsWindow), 2),
            worstRecent ? worst.Attempts : 0,
            worstRecent ? worst.Service : null,
            Attempts.OverBound,
            ControlPlane.DesiredVersion,
            AllProxies.Count(p => p.Applied.Version < ControlPlane.DesiredVersion),
            desired.CanaryPercent,
            Proxy(OrdersProxyId).Applied.Policy.CanaryPercent,
            v1 + v2 == 0 ? 0 : Math.Round(100.0 * v2 / (v1 + v2), 1),
            AllProxies.Sum(p => p.PlaintextRefused),
            [.. edges.Values.Select(e => Row(e, now))],
            [.. AllProxies.Select(p => new ProxyRow(p.Id, p.AppId, p.Applied.Version, ControlPlane.DesiredVersion, MtlsWord(p),
                p.Retries, p.AttemptTimeout.TotalMilliseconds,
                string.Join(", ", p.Upstreams.Select(u => $"{u.AppId} {u.BreakerWord}"))))]);
    }

    private static EdgeRow Row(EdgeStats edge, TimeSpan now)
    {
        var requests = edge.Requests.Over(now, DetailsWindow);
        var attempts = edge.Attempts.Over(now, DetailsWindow);
        var latency = edge.Requests.Percentiles();
        double seconds = DetailsWindow.TotalSeconds;
        string tls = edge.LastTls is null || now - edge.LastArrival > DetailsWindow ? "idle" : edge.LastTls;
        return new EdgeRow(edge.From, edge.To, edge.Label,
            Math.Round(requests.Requests / seconds, 1),
            Math.Round(attempts.Requests / seconds, 1),
            Math.Round(100 * (1 - requests.SuccessRatio), 1),
            Math.Round(latency.P50, 1),
            Math.Round(latency.P99, 1),
            tls,
            edge.Requests.Total.Requests,
            edge.Attempts.Total.Requests);
    }
}
