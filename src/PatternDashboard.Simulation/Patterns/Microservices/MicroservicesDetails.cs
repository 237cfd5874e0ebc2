using PatternDashboard.Simulation.Patterns.Shared.Deployment;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;

namespace PatternDashboard.Simulation.Patterns.Microservices;

/// <summary>What the Microservices page shows beyond the nodes.</summary>
/// <param name="Monolith">True while break it serves everything from one process.</param>
/// <param name="NoTimeouts">True while break it has the gateway call without timeouts.</param>
/// <param name="GatewayBusy">The gateway's workers in use, of <paramref name="GatewaySlots"/>.</param>
public sealed record MicroservicesDetails(
    bool Monolith,
    bool NoTimeouts,
    bool MonolithUp,
    int GatewayBusy,
    int GatewaySlots,
    double SurgePercent,
    double UnavailablePercent,
    IReadOnlyList<ServiceView> Services,
    IReadOnlyList<FeatureView> Features);

/// <summary>One service: its deployment, its health and the instances in its slots.</summary>
/// <param name="Health">"healthy", "degraded" or "down", from its calls over the last 2 s and its ready instances.</param>
/// <param name="Availability">Share of the gateway's calls to it that succeeded over the last 2 s, 0 to 1.</param>
/// <param name="Stalled">A rollout that has not moved for the progress deadline: its new instances never get ready.</param>
public sealed record ServiceView(
    string Name, string Version, bool Probe, int Replicas, int MaxSurge, int MaxUnavailable, int Live, int Ready, int Updated,
    bool RollingOut, bool Stalled, string Health, double CallsPerSecond, double Availability, double SlowByMs, IReadOnlyList<InstanceView> Instances);

/// <summary>One instance slot: what runs in it and how far along it is.</summary>
/// <param name="Phase">"vacant", "starting", "ready", "not ready" or "terminating".</param>
public sealed record InstanceView(string Id, string Version, bool Broken, string Phase, bool Up, long Served, int Busy);

/// <summary>One feature as a person sees it: does it work right now.</summary>
/// <param name="Status">"works", "degraded" or "down".</param>
/// <param name="Expected">Its services' measured availabilities multiplied: what a chain in series should give.</param>
public sealed record FeatureView(string Id, string Label, IReadOnlyList<string> Services, string Status, double Served, double Expected, long Ok, long Failed);

public sealed partial class MicroservicesCluster
{
    private static readonly TimeSpan Recent = TimeSpan.FromSeconds(2);

    public MicroservicesDetails Details() => new(
        IsMonolith,
        NoTimeouts,
        Monolith.IsUp,
        Gateway.Busy,
        Settings.GatewaySlots,
        Settings.SurgeShare * 100,
        Settings.UnavailableShare * 100,
        [.. Service.All.Select(ServiceView)],
        [.. Features.Select(FeatureView)]);

    /// <summary>Availability of services in series: the product of each one's.</summary>
    public static double InSeries(IEnumerable<double> availabilities) => availabilities.Aggregate(1.0, (product, a) => product * a);

    private double Availability(string service) => serviceBooks[service].Over(Clock.Now, Recent) is var c && c.Requests == 0 ? 1 : c.SuccessRatio;

    private ServiceView ServiceView(string service)
    {
        var d = deployments[service];
        var recent = serviceBooks[service].Over(Clock.Now, Recent);
        double availability = Availability(service);
        string health = d.Ready == 0 || (recent.Requests >= 3 && availability < 0.5) ? "down" : availability < 0.95 || d.Ready < d.Replicas ? "degraded" : "healthy";
        return new ServiceView(service, d.Target.Name, d.ProbeEnabled, d.Replicas, d.Bounds.MaxSurge, d.Bounds.MaxUnavailable, d.Live, d.Ready, d.Updated,
            d.IsRollingOut, d.IsStalled, health, Math.Round(recent.Requests / Recent.TotalSeconds, 1), Math.Round(availability, 3), AddedLatency(service).TotalMilliseconds,
            [.. d.Slots.Cast<MicroserviceInstance>().Select(i => new InstanceView(i.Id, i.Version?.Name ?? "", i.Version?.IsBroken == true, PhaseWord(i.Phase),
                i.IsUp, i.Served, i.Busy))]);
    }

    private FeatureView FeatureView(Feature feature)
    {
        var book = featureBooks[feature.Id];
        var recent = book.Over(Clock.Now, Recent);
        double served = recent.SuccessRatio;
        string status = served >= 0.9 ? "works" : served >= 0.5 ? "degraded" : "down";
        double expected = IsMonolith ? 1 : InSeries(feature.Services.Select(Availability));
        return new FeatureView(feature.Id, feature.Label, feature.Services, status, Math.Round(served, 3), Math.Round(expected, 3), book.Total.Success,
            book.Total.Requests - book.Total.Success);
    }
}
