using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>The pod's options as typed values.</summary>
public sealed record SidecarSettings(
    double RequestsPerSecond,
    TimeSpan AppWork,
    int LinesPerRequest,
    int BufferLines,
    TimeSpan ShipInterval,
    TimeSpan ProxyStartup,
    TimeSpan Timeout,
    TimeSpan NetworkDelay)
{
    public static SidecarSettings From(IReadOnlyDictionary<string, double> options) => new(
        options[Option.RequestsPerSecond],
        TimeSpan.FromMilliseconds(options[Option.AppWorkMs]),
        (int)options[Option.LinesPerRequest],
        (int)options[Option.BufferLines],
        TimeSpan.FromMilliseconds(options[Option.ShipIntervalMs]),
        TimeSpan.FromMilliseconds(options[Option.ProxyStartupMs]),
        TimeSpan.FromMilliseconds(options[Option.TimeoutMs]),
        TimeSpan.FromMilliseconds(options[Option.NetworkDelayMs]));
}

/// <summary>
/// The setting that changes live: what the config source pushes to the proxy (or, with break it on, what is compiled
/// into the app's build).
/// </summary>
public sealed record SidecarPolicy(TimeSpan Timeout, string Tls)
{
    /// <summary>Round trips a full handshake costs: two for TLS 1.2, one for TLS 1.3.</summary>
    public int HandshakeRoundTrips => Tls == SidecarPattern.Tls.V13 ? 1 : 2;

    public override string ToString() => $"timeout {Timeout.TotalMilliseconds:0} ms, {Tls}";
}

/// <summary>What each piece of plumbing costs in CPU, wherever it runs. Figures of the order real proxies show.</summary>
public static class SidecarCosts
{
    /// <summary>Encrypting or decrypting one request or answer.</summary>
    public static readonly TimeSpan TlsRecord = TimeSpan.FromMilliseconds(0.15);

    /// <summary>The public-key work of one full handshake.</summary>
    public static readonly TimeSpan Handshake = TimeSpan.FromMilliseconds(1.2);

    /// <summary>Share of requests that open a new connection and so need a full handshake.</summary>
    public const double NewConnectionShare = 0.1;

    public static readonly TimeSpan PerLogLine = TimeSpan.FromMilliseconds(0.01);

    public static readonly TimeSpan PerLogBatch = TimeSpan.FromMilliseconds(0.3);

    public static readonly TimeSpan PerScrape = TimeSpan.FromMilliseconds(1.5);

    /// <summary>One hop between containers of the pod (loopback).</summary>
    public static readonly TimeSpan PodHop = TimeSpan.FromMilliseconds(0.05);

    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan ShipperStartup = TimeSpan.FromMilliseconds(300);

    public static readonly TimeSpan MetricsStartup = TimeSpan.FromMilliseconds(300);

    public static readonly TimeSpan AppStartup = TimeSpan.FromMilliseconds(500);

    /// <summary>Break it: building the app with a changed setting, then the gap while the old process stops and the new one starts.</summary>
    public static readonly TimeSpan Build = TimeSpan.FromSeconds(6);

    public static readonly TimeSpan Redeploy = TimeSpan.FromSeconds(2);
}
