using System.Globalization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ServiceMesh;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.ServiceMesh.ServiceMeshPattern;

namespace PatternDashboard.Web.Components.Patterns.ServiceMesh;

/// <summary>
/// Service Mesh, live: apps beside their sidecars and the control plane; every edge's requests against its attempts,
/// the load on the leaf against (1 + r)^depth, the canary's configured, running and observed split, and each proxy's
/// policy version and mTLS in words.
/// </summary>
public partial class ServiceMeshPage : PatternPageBase
{
    public override PatternDescriptor Pattern => Descriptor;

    public override INodePresenter Presenter => ServiceMeshPresenter.Instance;

    private SimulationSnapshot? Snapshot => State?.Snapshot;

    private ServiceMeshDetails? Details => DetailsAs<ServiceMeshDetails>();

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private string LeafLoadText => Details is { } d
        ? $"Payments gets {Num(d.ObservedLeafLoad)}x the client's load; if it fails, {Num(d.ExpectedLeafLoad)}x " +
          (d.RetriesEveryHop ? $"= (1 + {d.Retries})^{d.Depth} (every hop)" : $"= 1 + {d.Retries} (edge retries)")
        : "—";

    private string CanaryText => Details is { } d
        ? $"Canary pay-v2: configured {d.CanaryConfigured} %, orders proxy runs {d.CanaryApplied} %, observed {Num(d.CanaryObserved)} %"
        : "—";

    private string ProxiesText => Details is { } d
        ? $"Policy v{d.DesiredVersion}{(d.ControlPlaneUp ? "" : ", control plane down")}: " +
          string.Join(" · ", d.Proxies.Select(p => $"{p.App} v{p.Version}{(p.Version < p.DesiredVersion ? " waiting" : "")}"))
        : "—";

    /// <summary>Which proxies send plaintext, by name: the exceptions, since a mesh sends mTLS by default.</summary>
    private string MtlsText => Details is { } d
        ? $"mTLS {(d.MtlsStrict ? "required" : "permissive")}; {PlaintextSenders(d)}; plaintext refused: {d.PlaintextRefused}{(d.OutsideClient ? "; an outside client sends" : "")}"
        : "—";

    private static string PlaintextSenders(ServiceMeshDetails d) =>
        d.Proxies.Where(p => !p.Mtls.StartsWith("sends mTLS", StringComparison.Ordinal)).Select(p => p.App).ToList() is { Count: > 0 } plain
            ? $"{string.Join(", ", plain)} {(plain.Count == 1 ? "sends" : "send")} plaintext"
            : "every proxy sends mTLS";

    /// <summary>Requests against the load on the leaf, the multiplier, and what the client got.</summary>
    private IEnumerable<(string Title, IReadOnlyList<SeriesView> Series)> ChartGroups
    {
        get
        {
            var series = Snapshot?.Series ?? [];
            IReadOnlyList<SeriesView> Pick(params string[] names) => [.. series.Where(s => names.Contains(s.Name))];
            yield return ("Client requests and attempts reaching payments, per second", Pick(Metric.Requests, Metric.LeafAttempts));
            yield return ("Load on payments per client request (x)", Pick(Metric.LeafLoad));
            yield return ("Client requests answered well (%)", Pick(Metric.ClientOk));
        }
    }
}
