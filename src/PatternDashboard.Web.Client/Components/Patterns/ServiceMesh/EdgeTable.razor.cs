using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ServiceMesh;

namespace PatternDashboard.Web.Components.Patterns.ServiceMesh;

/// <summary>
/// One row per edge of the graph: the requests its caller made and the attempts including retries, side by side
/// (what a mesh's own dashboard counts as one), with errors, latency and how the last request travelled.
/// </summary>
public partial class EdgeTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public ServiceMeshDetails? Details { get; set; }

    /// <summary>True for the key state's short form: no latency or totals, and no row for an edge without traffic. Default: false.</summary>
    [Parameter] public bool Compact { get; set; }

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    // Retries show as a multiplier beside the attempts, so the amplification reads without arithmetic.
    private static string Multiplier(EdgeRow edge) =>
        edge.RequestsPerSecond > 0 && edge.AttemptsPerSecond > edge.RequestsPerSecond * 1.05
            ? $" ({Num(edge.AttemptsPerSecond / edge.RequestsPerSecond)}x)"
            : "";
}
